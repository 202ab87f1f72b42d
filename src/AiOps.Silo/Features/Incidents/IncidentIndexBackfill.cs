using AiOps.Core.Incidents;
using AiOps.Infrastructure.Storage;
using AiOps.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// One box upgraded from a version that listed incidents in a catalog grain: before the silo starts (so no
/// incident changes meanwhile), every incident stored in the data directory is written into the incident index
/// once, and a marker file says it was done. A new installation finds nothing and only writes the marker.
/// </summary>
public sealed partial class IncidentIndexBackfill(
    IOptions<AiOpsOptions> options,
    IIncidentIndex index,
    Serializer serializer,
    ILogger<IncidentIndexBackfill> logger) : IHostedService
{
    private const string Marker = "incidents.indexed";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.DataDirectory);
        var marker = Path.Combine(root, Marker);
        if (File.Exists(marker))
        {
            return;
        }

        var folder = Path.Combine(root, "grains", "incident");
        var count = 0;
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.bin", SearchOption.AllDirectories))
            {
                var stored = await FileGrainStorage.ReadFileAsync<IncidentState>(serializer, file, cancellationToken);
                if (stored?.State is { Exists: true } incident)
                {
                    await index.UpsertAsync(IncidentRecord.ToSummary(incident), cancellationToken);
                    count++;
                }
            }
        }

        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(marker, $"{count} incidents indexed from grain state at {DateTimeOffset.UtcNow:O}\n", cancellationToken);
        if (count > 0)
        {
            LogBackfilled(logger, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Indexed {Count} incidents stored before the incident index existed")]
    private static partial void LogBackfilled(ILogger logger, int count);
}
