using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Pipeline;
using AiOps.Grains.Analytics;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.Utility;

namespace AiOps.Infrastructure.Analytics;

/// <summary>Cold lookups in ClickHouse; every value reaches the server as a typed query parameter.</summary>
public sealed class ClickHouseAnalyticsReader(string connectionString) : IAnalyticsReader
{
    private const int MaxHistoryRows = 100_000;

    public async Task<IReadOnlyList<AnomalyHistoryRow>> RecentAnomaliesAsync(string shipId, string service, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new ClickHouseConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT ts, domain, anomaly_type, device_id, metric_name FROM aiops.anomalies " +
            "WHERE ship_id = {ship:String} AND service = {service:String} AND ts >= {since:DateTime64(3)} ORDER BY ts LIMIT {limit:UInt32}";
        query.AddParameter("ship", shipId);
        query.AddParameter("service", service);
        query.AddParameter("since", since.UtcDateTime);
        query.AddParameter("limit", MaxHistoryRows);
        var rows = new List<AnomalyHistoryRow>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Enum.TryParse<Domain>(reader.GetString(1), ignoreCase: true, out var domain))
            {
                continue;
            }

            rows.Add(new AnomalyHistoryRow(
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)),
                domain,
                reader.GetString(2),
                Empty(reader.GetString(3)),
                Empty(reader.GetString(4))));
        }

        return rows;
    }

    public async Task<IReadOnlyList<DeviceInfo>> DevicesAsync(string shipId, string service, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new ClickHouseConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT device_id, argMax(host, ts), argMax(meta, ts) FROM aiops.logs " +
            "WHERE ship_id = {ship:String} AND service = {service:String} AND device_id != '' AND position(meta, 'device_type') > 0 " +
            "GROUP BY device_id LIMIT {limit:UInt32}";
        query.AddParameter("ship", shipId);
        query.AddParameter("service", service);
        query.AddParameter("limit", limit);
        var devices = new List<DeviceInfo>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (DeviceLearning.FromMeta(reader.GetString(0), Empty(reader.GetString(1)), reader.GetString(2)) is { } device)
            {
                devices.Add(device);
            }
        }

        return devices;
    }

    public async Task<string?> CachedInsightAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = new ClickHouseConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT insight FROM aiops.llm_cache WHERE cache_key = {key:String} AND created_at >= {since:DateTime64(3)} ORDER BY created_at DESC LIMIT 1";
        query.AddParameter("key", key);
        query.AddParameter("since", notBefore.UtcDateTime);
        return await query.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
