using System.Globalization;

namespace AiOps.Cli;

/// <summary>Reads counters from a Prometheus exposition (the host's <c>/metrics</c>).</summary>
public static class PrometheusText
{
    /// <summary>The sum of a counter over all its label sets.</summary>
    public static long Sum(string exposition, string name) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' '))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>The sum of a counter with fractions (CPU seconds) over all its label sets; null when the host does not export it.</summary>
    public static double? Total(string exposition, string name)
    {
        var values = Values(exposition, name);
        return values.Count == 0 ? null : values.Sum();
    }

    /// <summary>The largest value of a gauge over its label sets; null when the host does not export it.</summary>
    public static double? Max(string exposition, string name)
    {
        var values = Values(exposition, name);
        return values.Count == 0 ? null : values.Max();
    }

    private static List<double> Values(string exposition, string name) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' '))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .ToList();

    public static async Task<long> ReadAsync(HttpClient http, string name, CancellationToken cancellationToken = default) =>
        Sum(await http.GetStringAsync("/metrics", cancellationToken), name);
}
