using AiOps.Infrastructure.Analytics;
using AiOps.Integration.Tests.Support;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.Utility;

namespace AiOps.Integration.Tests.Analytics;

/// <summary>The ClickHouse adapter against a real server, when <c>ConnectionStrings__clickhouse</c> names one.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
[Trait(TestNeeds.Name, TestNeeds.ClickHouse)]
public sealed class ClickHouseWriterTests
{
    private static string? ConnectionString => Environment.GetEnvironmentVariable("ConnectionStrings__clickhouse");

    [ClickHouseFact]
    public async Task Rows_reach_the_tables_of_the_ddl_and_read_back_with_parameters()
    {
        await using (var connection = new ClickHouseConnection(ConnectionString!))
        {
            await connection.OpenAsync();
            var ddl = File.ReadAllText(Support.RepoPaths.Of("deploy", "clickhouse", "init.sql"));
            foreach (var statement in ddl.Split(';').Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))).Where(s => s.Trim().Length > 0))
            {
                using var create = connection.CreateCommand();
                create.CommandText = statement;
                await create.ExecuteNonQueryAsync();
            }
        }

        var id = $"ch-{Guid.NewGuid():N}";
        using var writer = new ClickHouseAnalyticsWriter(ConnectionString!);
        await writer.WriteAsync(AnalyticsTable.Logs, [[DateTime.UtcNow, id, "ship-ch", "app", "pms", "error", "", "db-1", "it's a \"quoted\" line; DROP TABLE aiops.logs", "{}"]], CancellationToken.None);

        await using var reader = new ClickHouseConnection(ConnectionString!);
        await reader.OpenAsync();
        using var query = reader.CreateCommand();
        query.CommandText = "SELECT msg FROM aiops.logs WHERE tracking_id = {id:String}";
        query.AddParameter("id", id);
        Assert.Equal("it's a \"quoted\" line; DROP TABLE aiops.logs", await query.ExecuteScalarAsync());
    }
}

public sealed class ClickHouseFactAttribute : FactAttribute
{
    public ClickHouseFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__clickhouse")))
        {
            Skip = "no ClickHouse server: set ConnectionStrings__clickhouse (e.g. Host=127.0.0.1;Port=8123) to run the ClickHouse adapter test; Debian's ClickHouse 18.16 is too old for ClickHouse.Driver";
        }
    }
}
