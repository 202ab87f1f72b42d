using AiOps.Cli;
using AiOps.Cli.Load;

const string usage = """
    usage: aiops <command> [options]
      load   send events to a running host and report accepted/s, processed/s and Fast Path p50/p99
             --url http://127.0.0.1:8080 --events 100000 --rate 0 (unlimited) --batch 1000
             --concurrency 4 --anomaly-every 1000 --ships 2 --services 20 --drain-timeout-sec 120
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
        case "load":
            var report = await LoadCommand.RunAsync(LoadOptions.From(new CommandLine(args[1..], LoadOptions.Names)), Console.Out);
            return report.Accepted == report.Sent ? 0 : 1;
        default:
            Console.Error.WriteLine($"unknown command '{args[0]}'\n{usage}");
            return 1;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"aiops {args[0]}: {e.Message}");
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"aiops {args[0]}: cannot reach the host: {e.Message}");
    return 1;
}
