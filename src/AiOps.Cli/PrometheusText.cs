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

    public static async Task<long> ReadAsync(HttpClient http, string name, CancellationToken cancellationToken = default) =>
        Sum(await http.GetStringAsync("/metrics", cancellationToken), name);
}
