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
            var series = Encoding.UTF8.GetBytes($"{histogram.Name}_bucket{{");
            var at = exposition.IndexOf(series);
            while (at > 0 && exposition[at - 1] != (byte)'\n')
            {
                var next = exposition[(at + 1)..].IndexOf(series);
                at = next < 0 ? -1 : at + 1 + next;
            }

            if (at < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds each histogram the exposition does not hold yet (before OpenMetrics' <c># EOF</c>).</summary>
    public static string AddMissing(string exposition, IEnumerable<EmptyHistogram> histograms, bool openMetrics)
    {
        var missing = histograms.Where(h => !exposition.Contains($"\n{h.Name}_bucket{{", StringComparison.Ordinal)
            && !exposition.StartsWith($"{h.Name}_bucket{{", StringComparison.Ordinal)).ToList();
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
