namespace AiOps.Silo.Hosting;

/// <summary>Declares a <see cref="DocumentedBody"/> on a route.</summary>
public static class DocumentedBodyExtensions
{
    public static RouteHandlerBuilder DocumentsBody<T>(this RouteHandlerBuilder route, params string[] contentTypes) =>
        route.WithMetadata(new DocumentedBody(typeof(T), contentTypes.Length == 0 ? ["application/json"] : contentTypes));
}
