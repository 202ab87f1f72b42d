using AiOps.Cli.Commands;

return await AiOpsCli.RunAsync(args, Console.Out, Console.Error);
