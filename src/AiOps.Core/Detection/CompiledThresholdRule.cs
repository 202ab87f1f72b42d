using System.Text.RegularExpressions;

namespace AiOps.Core.Detection;

/// <summary>A metric rule ready to evaluate; <see cref="Below"/> marks a minimum rule such as rf_snr_min.</summary>
internal sealed record CompiledThresholdRule(
    string Name,
    Regex Match,
    double Value,
    bool Below,
    TimeSpan Duration,
    double Score,
    string IncidentType)
{
    public bool Breaches(double value) => Below ? value < Value : value > Value;

    /// <summary>True when a move from <paramref name="baseline"/> to <paramref name="value"/> is in the harmful direction.</summary>
    public bool IsHarmful(double value, double baseline) => Below ? value < baseline : value > baseline;
}
