using AiOps.Core.Policy;
using AiOps.Silo.Hosting;

try
{
    AiOpsApp.Build(args).Run();
}
catch (PolicyException e)
{
    // The operator needs the file, key and line, not a stack trace.
    Console.Error.WriteLine($"AiOps cannot start: invalid policy: {e.Message}");
    return 2;
}

return 0;
