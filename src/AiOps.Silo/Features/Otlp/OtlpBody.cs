namespace AiOps.Silo.Features.Otlp;

/// <summary>
/// Stands for an OTLP message in the OpenAPI document: its schema is OpenTelemetry's (opentelemetry-proto), binary
/// protobuf or OTLP's JSON mapping, and is not repeated there.
/// </summary>
public sealed record OtlpBody;
