namespace AiOps.Silo.Features.Requests;

/// <summary>A request that cannot be read as its typed record; <see cref="Field"/> is the wire name of the culprit ("body" for the whole).</summary>
public sealed class RequestFieldException(string field, string message)
    : BadHttpRequestException(message, StatusCodes.Status400BadRequest)
{
    public string Field { get; } = field;
}
