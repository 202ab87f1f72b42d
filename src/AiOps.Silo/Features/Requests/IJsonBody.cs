using System.Reflection;
using System.Text.Json;
using AiOps.Silo.Hosting;
using Microsoft.AspNetCore.Http.Metadata;

namespace AiOps.Silo.Features.Requests;

/// <summary>
/// A typed JSON request body. It binds through <see cref="JsonBody"/> (so a body that is not JSON, an unknown field
/// or a wrong JSON type is a 400 naming the field, whatever the Content-Type), is checked by <c>AddValidation()</c>
/// through its DataAnnotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>, and
/// shows in the OpenAPI document as the route's request schema. A handler parameter of a nullable body type makes
/// the body optional.
/// </summary>
public interface IJsonBody<TSelf> : IRequestBody, IBindableFromHttpContext<TSelf>, IEndpointParameterMetadataProvider
    where TSelf : class, IJsonBody<TSelf>
{
    static ValueTask<TSelf?> IBindableFromHttpContext<TSelf>.BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonBody.ReadAsync<TSelf>(context, parameter);

    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new DocumentedBody(typeof(TSelf), ["application/json"], !JsonBody.IsOptional(parameter)));

    /// <summary>What the typed record cannot say by itself, taken from the JSON it was read from (e.g. a field given as null).</summary>
    static virtual TSelf Completed(TSelf body, JsonElement json) => body;
}
