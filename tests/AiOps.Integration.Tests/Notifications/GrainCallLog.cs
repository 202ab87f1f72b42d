using System.Collections.Concurrent;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>The grain calls a silo takes, as <c>Interface.Method</c> with the call's first argument when it is a string (an incident id, an outbox key).</summary>
internal sealed class GrainCallLog
{
    private readonly ConcurrentQueue<(string Method, string? Argument)> _calls = new();

    public async Task NoteAsync(IIncomingGrainCallContext call)
    {
        var method = call.InterfaceMethod is { } m ? $"{m.DeclaringType?.Name}.{m.Name}" : $"{call.InterfaceName}.{call.MethodName}";
        _calls.Enqueue((method, call.Request.GetArgumentCount() > 0 ? call.Request.GetArgument(0) as string : null));
        await call.Invoke();
    }

    /// <summary>The calls to methods whose name starts with one of <paramref name="prefixes"/>, in order.</summary>
    public IReadOnlyList<string> Of(params string[] prefixes) =>
        _calls.Select(c => c.Method).Where(m => prefixes.Any(p => m.StartsWith(p, StringComparison.Ordinal))).ToList();

    public int Count(string method, string argument) => _calls.Count(c => c.Method == method && c.Argument == argument);
}
