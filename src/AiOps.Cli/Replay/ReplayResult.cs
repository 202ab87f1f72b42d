using System.Text.Json;

namespace AiOps.Cli.Replay;

/// <summary>The incidents a replay produced, oldest event first.</summary>
public sealed record ReplayResult(string File, string PolicyDirectory, string Profile, int Accepted, int Rejected, IReadOnlyList<JsonElement> Incidents)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"replayed {Path.GetFileName(File)}: {Accepted} events accepted, {Rejected} rejected; policy {PolicyDirectory} (profile {Profile})");
        output.WriteLine($"{Incidents.Count} incident{(Incidents.Count == 1 ? "" : "s")}:");
        foreach (var incident in Incidents.OrderBy(i => i.GetProperty("first_event_ts").GetString(), StringComparer.Ordinal))
        {
            var scope = string.Join(", ", incident.GetProperty("scope").EnumerateArray().Select(s => $"{s.GetProperty("service").GetString()}/{s.GetProperty("device_id").GetString()}"));
            output.WriteLine(
                $"  {incident.GetProperty("ship_id").GetString(),-20} {incident.GetProperty("incident_type").GetString(),-18} " +
                $"{incident.GetProperty("severity").GetString(),-8} anomalies {incident.GetProperty("anomaly_count").GetInt32(),-4} " +
                $"duplicates {incident.GetProperty("duplicate_count").GetInt32(),-4} " +
                $"{incident.GetProperty("first_event_ts").GetString()} .. {incident.GetProperty("last_event_ts").GetString()}  {scope}");
        }
    }

    public void PrintJson(TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(Incidents, new JsonSerializerOptions { WriteIndented = true }));
}
