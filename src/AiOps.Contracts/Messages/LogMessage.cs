using System.Text.Json.Serialization;
using AiOps.Contracts.Json;

namespace AiOps.Contracts.Messages;

[GenerateSerializer, Immutable, Alias("aiops.log-message.v3")]
public sealed record LogMessage : BaseMessage
{
    [Id(0)] public required Domain Domain { get; init; }
    [Id(1)] public required string Service { get; init; }
    [Id(2)] public required MessageLevel Level { get; init; }
    [Id(3)] public required string Msg { get; init; }
    [Id(4)] public string? Host { get; init; }
    [Id(5)] public string? DeviceId { get; init; }

    /// <summary>The sender's <c>meta</c> object, kept as raw JSON text.</summary>
    [Id(6), JsonConverter(typeof(RawJsonConverter))] public string? Meta { get; init; }
}
