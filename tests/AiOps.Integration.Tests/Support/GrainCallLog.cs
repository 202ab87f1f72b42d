using System.Collections.Concurrent;

namespace AiOps.Integration.Tests.Support;

/// <summary>The grain calls a silo takes, as <c>Interface.Method</c> with the call's first argument when it is a string (an incident id, an outbox key).</summary>
internal sealed class GrainCallLog
{
    private readonly ConcurrentQueue<(string Method, string? Argument, GrainId? Caller)> _calls = new();

    public async Task NoteAsync(IIncomingGrainCallContext call)
    {
        var method = call.InterfaceMethod is { } m ? $"{m.DeclaringType?.Name}.{m.Name}" : $"{call.InterfaceName}.{call.MethodName}";
        _calls.Enqueue((method, call.Request.GetArgumentCount() > 0 ? call.Request.GetArgument(0) as string : null, call.SourceId));
        await call.Invoke();
    }

    /// <summary>The calls to methods whose name starts with one of <paramref name="prefixes"/>, in order.</summary>
    public IReadOnlyList<string> Of(params string[] prefixes) =>
        _calls.Select(c => c.Method).Where(m => prefixes.Any(p => m.StartsWith(p, StringComparison.Ordinal))).ToList();

    /// <summary>The grains that made the calls to <paramref name="method"/>, in order (null: not a grain, such as the pump).</summary>
    public IReadOnlyList<GrainId?> CallersOf(string method) => _calls.Where(c => c.Method == method).Select(c => c.Caller).ToList();

    /// <summary>The methods that grains matching <paramref name="caller"/> called, in order.</summary>
    public IReadOnlyList<string> CalledBy(Func<GrainId, bool> caller) =>
        _calls.Where(c => c.Caller is { } id && caller(id)).Select(c => c.Method).ToList();

    /// <summary>Forgets the calls so far, so that a test counts only what follows.</summary>
    public void Clear() => _calls.Clear();

    public int Count(string method, string argument) => _calls.Count(c => c.Method == method && c.Argument == argument);
}
