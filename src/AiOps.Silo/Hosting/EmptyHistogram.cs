using System.Globalization;
using System.Text;

namespace AiOps.Silo.Hosting;

/// <summary>
/// A histogram the SLO rules read, as the Prometheus exporter writes it with no observation yet: every bucket,
/// the sum and the count at 0. OpenTelemetry creates a histogram's series only with its first measurement, and
/// recording a made-up one would count an event that never happened.
/// </summary>
public sealed record EmptyHistogram(string Name, string Scope, string Unit, string Help, IReadOnlyList<double> Bounds)
{
    /// <summary>
    /// Whether the exposition (UTF-8, as the exporter wrote it) holds every histogram already, as it does from their
    /// first observations on: then it needs no change, and is not decoded into text at all.
    /// </summary>
    public static bool AllPresent(ReadOnlySpan<byte> exposition, IEnumerable<EmptyHistogram> histograms)
    {
        foreach (var histogram in histograms)
        {
            if (!histogram.IsIn(exposition))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds each histogram the exposition does not hold yet (before OpenMetrics' <c># EOF</c>).</summary>
    public static string AddMissing(string exposition, IEnumerable<EmptyHistogram> histograms, bool openMetrics)
    {
        var bytes = Encoding.UTF8.GetBytes(exposition);
        var missing = histograms.Where(h => !h.IsIn(bytes)).ToList();
        if (missing.Count == 0)
        {
            return exposition;
        }

        var text = new StringBuilder();
        foreach (var histogram in missing)
        {
            histogram.Write(text, openMetrics);
        }

        const string eof = "# EOF\n";
        var end = openMetrics && exposition.EndsWith(eof, StringComparison.Ordinal) ? exposition.Length - eof.Length : exposition.Length;
        return string.Concat(exposition.AsSpan(0, end), text.ToString(), exposition.AsSpan(end));
    }

    /// <summary>Whether a line of the exposition starts a bucket series of this histogram.</summary>
    private bool IsIn(ReadOnlySpan<byte> exposition)
    {
        ReadOnlySpan<byte> onNewLine = Encoding.UTF8.GetBytes($"\n{Name}_bucket{{");
        return exposition.StartsWith(onNewLine[1..]) || exposition.IndexOf(onNewLine) >= 0;
    }

    private void Write(StringBuilder text, bool openMetrics)
    {
        var scope = $"otel_scope_name=\"{Scope}\"";
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {Name} histogram\n");
        if (openMetrics)
        {
            text.Append(CultureInfo.InvariantCulture, $"# UNIT {Name} {Unit}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"# HELP {Name} {Help}\n");
        foreach (var bound in Bounds)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Name}_bucket{{{scope},le=\"{bound.ToString(CultureInfo.InvariantCulture)}\"}} 0\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{Name}_bucket{{{scope},le=\"+Inf\"}} 0\n");
        text.Append(CultureInfo.InvariantCulture, $"{Name}_sum{{{scope}}} 0\n");
        text.Append(CultureInfo.InvariantCulture, $"{Name}_count{{{scope}}} 0\n");
    }
}
