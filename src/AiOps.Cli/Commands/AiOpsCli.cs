using System.CommandLine;
using System.CommandLine.Invocation;
using AiOps.Core.Policy;

namespace AiOps.Cli.Commands;

/// <summary>
/// The <c>aiops</c> command tree on System.CommandLine. Every command answers with <see cref="ExitCodes"/>: parse
/// errors and anything that stops a command from running (a missing file, an unreachable host) are 2, whatever
/// the command reports as findings is 1. Results go to the output writer, progress and errors to the error writer.
/// </summary>
public static class AiOpsCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand($"AiOps: load and benchmark a host, backtest and check policies, run the detectors offline.\n{ExitCodes.HelpText}")
        {
            LoadCommandLine.Create(),
            BenchCommandLine.Create(),
            ReplayCommandLine.Create(),
            DetectCommandLine.Create(),
            TemplatesCommandLine.Create(),
            PolicyCommandLine.Create(),
            SloCommandLine.Create(),
            KeyCommandLine.Create(),
        };
        root.HelpName = "aiops";
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build();
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"aiops: {problem.Message}");
            }

            // The failing command's own help, on the error stream: stdout stays clean for a script reading it.
            var path = CommandPath(parsed.CommandResult.Command, root);
            root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = error, Error = error });
            return ExitCodes.UsageOrUnreachable;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>
    /// Sets a command's action, mapping what stops it from running to exit code 2 with one line that says why.
    /// The action gets the output writer (results) and the error writer (progress).
    /// </summary>
    public static void Handle(Command command, Func<ParseResult, TextWriter, TextWriter, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            var name = "aiops " + string.Join(' ', CommandPath(command, null));
            try
            {
                return await action(parsed, parsed.InvocationConfiguration.Output, error, cancellationToken);
            }
            catch (PolicyException e)
            {
                error.WriteLine($"{name}: invalid policy: {e.Message}");
            }
            catch (HttpRequestException e)
            {
                error.WriteLine(e.StatusCode is { } status
                    ? $"{name}: the host answered {(int)status} {status}: {e.Message}"
                    : $"{name}: cannot reach the host: {e.Message}");
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                error.WriteLine($"{name}: the host did not answer in time: {e.Message}");
            }
            catch (TimeoutException e)
            {
                error.WriteLine($"{name}: {e.Message}");
                return ExitCodes.Findings;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                error.WriteLine($"{name}: {e.Message}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not a finding: the command stopped before its end. The whole exception, since it is unexpected.
                error.WriteLine($"{name}: could not run: {e}");
            }

            return ExitCodes.UsageOrUnreachable;
        });

    private static List<string> CommandPath(Command command, RootCommand? root)
    {
        var path = new List<string>();
        for (Symbol? symbol = command; symbol is Command c && c is not RootCommand && c != root; symbol = symbol.Parents.FirstOrDefault())
        {
            path.Insert(0, c.Name);
        }

        return path;
    }
}
