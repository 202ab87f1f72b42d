using AiOps.Cli;
using AiOps.Cli.Bench;
using AiOps.Cli.Detect;
using AiOps.Cli.Keys;
using AiOps.Cli.Load;
using AiOps.Cli.PolicyTools;
using AiOps.Cli.Replay;
using AiOps.Cli.Templates;

const string usage = """
    usage: aiops <command> [options]
      load                   send events to a running host; report accepted/s, processed/s, Fast Path p50/p99
                             --url http://127.0.0.1:8080 --events 100000 --rate 0 (unlimited) --batch 1000
                             --concurrency 4 --anomaly-every 1000 --ships 2 --services 20 --drain-timeout-sec 120
                             (a host with API keys: an admin key in the environment variable AIOPS_API_KEY)
      bench alertmanager     the same events to a running host and, as alerts, to a throw-away Alertmanager
                             (POST /api/v2/alerts); prints both accepted/s, AiOps' processed/s and the ratio
                             --url http://127.0.0.1:8080 --events 200000 --batch 1000 --concurrency 4
                             --alertmanager /usr/bin/prometheus-alertmanager --drain-timeout-sec 120
      load --scenario incident-scale
                             open incidents (one per new ship) in steps; per step: its time, ms per incident,
                             list/filtered/late-page p50/p99 and stats p99. --incidents 20000 --step 2000
                             --batch 500 --concurrency 4 --samples 30 --step-timeout-sec 300 --max-minutes 10
      policy validate [DIR]  check a policy folder (default ./policies) as the host would load it
      detect                 run the production metric detector over timestamp,value CSVs (e.g. NAB)
                             --input DIR --output DIR [--policy DIR]
      templates              mine log templates: for every NAME.log (one message per line) under --input, write
                             NAME.csv (line,template_id) under --output. --input DIR --output DIR
      key new                make an API key for the host's Auth:Keys; prints the key once and its hashed entry
                             --name NAME --role viewer|engineer|admin|ingest
      slo rules [DIR]        print the vmalert/Prometheus SLO alert rules derived from DIR/slo.yaml
      replay FILE.ndjson     run recorded telemetry through the real Fast Path in-process; print its incidents
                             --policy DIR (default: the shipped policies) --json true --timeout-sec 300
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 1 : 0;
}

try
{
    switch (args[0])
    {
        case "load" when args.Length >= 3 && args[1] == "--scenario" && args[2] == IncidentScaleOptions.Scenario:
            await IncidentScaleCommand.RunAsync(IncidentScaleOptions.From(new CommandLine(args[3..], IncidentScaleOptions.Names)), Console.Out);
            return 0;
        case "load":
            var report = await LoadCommand.RunAsync(LoadOptions.From(new CommandLine(args[1..], LoadOptions.Names)), Console.Out);
            return report.Accepted == report.Sent ? 0 : 1;
        case "bench" when args.Length >= 2 && args[1] == "alertmanager":
            var bench = await AlertmanagerBench.RunAsync(
                AlertmanagerOptions.From(new CommandLine(args[2..], AlertmanagerOptions.Names)), Console.Out);
            return bench.AiOps.Accepted == bench.AiOps.Sent && bench.AlertmanagerAccepted == bench.AlertmanagerSent ? 0 : 1;
        case "detect":
            var detect = new CommandLine(args[1..], "input", "output", "policy");
            return DetectCommand.Run(detect.Text("input", ""), detect.Text("output", ""),
                detect.Text("policy", "") is { Length: > 0 } policyDir ? policyDir : null, Console.Out);
        case "templates":
            var templates = new CommandLine(args[1..], "input", "output");
            return TemplatesCommand.Run(templates.Text("input", ""), templates.Text("output", ""), Console.Out);
        case "key" when args.Length >= 2 && args[1] == "new":
            var keyOptions = new CommandLine(args[2..], "name", "role");
            return KeyNewCommand.Run(keyOptions.Text("name", ""), keyOptions.Text("role", ""), Console.Out);
        case "policy" when args.Length >= 2 && args[1] == "validate":
            return PolicyValidateCommand.Run(args.Length > 2 ? args[2] : "policies", Console.Out, Console.Error);
        case "slo" when args.Length >= 2 && args[1] == "rules":
            Console.Write(AiOps.Core.Slo.SloRules.Render(AiOps.Core.Policy.PolicyLoader.Load(args.Length > 2 ? args[2] : "policies").Fleet.Slo));
            return 0;
        case "replay" when args.Length >= 2:
            var options = new CommandLine(args[2..], "policy", "json", "timeout-sec");
            var result = await ReplayCommand.RunAsync(args[1], options.Text("policy", "") is { Length: > 0 } dir ? dir : null,
                TimeSpan.FromSeconds(options.Number("timeout-sec", 300, 1)));
            if (options.Text("json", "false") == "true")
            {
                result.PrintJson(Console.Out);
            }
            else
            {
                result.Print(Console.Out);
            }

            return 0;
        default:
            Console.Error.WriteLine($"unknown command '{string.Join(' ', args.Take(2))}'\n{usage}");
            return 1;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"aiops {args[0]}: {e.Message}");
    return 1;
}
catch (AiOps.Core.Policy.PolicyException e)
{
    Console.Error.WriteLine($"aiops {args[0]}: invalid policy: {e.Message}");
    return 2;
}
catch (InvalidOperationException e) when (args[0] == "bench")
{
    Console.Error.WriteLine($"aiops {args[0]}: {e.Message}");
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"aiops {args[0]}: cannot reach the host: {e.Message}");
    return 1;
}
