namespace AiOps.Silo.Hosting;

/// <summary>
/// The request body a handler reads by hand, for the OpenAPI document only. Unlike <c>Accepts&lt;T&gt;</c> it does
/// not make routing refuse other Content-Types with 415: senders such as Vector and Prometheus keep working
/// whatever they put there, and the handler's own reader names any problem. <paramref name="Required"/> is false for
/// a body the route can do without.
/// </summary>
public sealed record DocumentedBody(Type Type, IReadOnlyList<string> ContentTypes, bool Required = true);
