using YamlDotNet.RepresentationModel;

namespace AiOps.Core.Policy;

/// <summary>
/// One layer of a policy section: the segment file, the selected profile's overlay, or a ship's override.
/// <paramref name="Prefix"/> is where the layer's keys sit in <paramref name="File"/> (for error lines).
/// </summary>
internal sealed record PolicyLayer(string Source, string File, string Prefix, YamlMappingNode Root)
{
    public const string Default = "default";
    public const string Fleet = "fleet";
    public const string Override = "override";
}
