namespace AiOps.Silo.Features.Requests;

/// <summary>A typed JSON request body (see <see cref="IJsonBody{TSelf}"/>); its field errors read "field 'name' …" rather than a query's "name: …".</summary>
public interface IRequestBody;
