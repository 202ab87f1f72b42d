namespace AiOps.Core.Policy;

/// <summary>
/// The policy in force for the fleet or for one ship: the segment files, the selected profile over them,
/// and (for a ship) its overrides over that. Each value knows where it came from.
/// </summary>
public sealed record AiOpsPolicy
{
    public required string Directory { get; init; }
    public required string Profile { get; init; }
    public string? ShipId { get; init; }
    public required DateTimeOffset LoadedAt { get; init; }
    public required IReadOnlyDictionary<string, bool> Features { get; init; }
    public required IngestPolicy Ingest { get; init; }
    public required DetectPolicy Detect { get; init; }
    public required CorrelatePolicy Correlate { get; init; }
    public required NotifyPolicy Notify { get; init; }
    public required RemediatePolicy Remediate { get; init; }
    public required LlmPolicy Llm { get; init; }
    public required RetentionPolicy Retention { get; init; }
    public required PrivacyPolicy Privacy { get; init; }
    public required SloPolicy Slo { get; init; }
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, PolicyLayer>> Origins { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, PolicyLayer>>();

    public bool Feature(string name) => Features.GetValueOrDefault(name);

    /// <summary>The typed model of a section by its file name without <c>.yaml</c>.</summary>
    public object Section(string name) => name switch
    {
        "ingest" => Ingest,
        "detect" => Detect,
        "correlate" => Correlate,
        "notify" => Notify,
        "remediate" => Remediate,
        "llm" => Llm,
        "retention" => Retention,
        "privacy" => Privacy,
        "slo" => Slo,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a policy section"),
    };

    /// <summary><c>default</c> (built in), <c>fleet</c> (policy files and profile) or <c>override</c> (this ship).</summary>
    public string SourceOf(string section, string path) =>
        Origins.TryGetValue(section, out var origins) ? PolicyMerge.OriginOf(origins, path)?.Source ?? PolicyLayer.Default : PolicyLayer.Default;
}
