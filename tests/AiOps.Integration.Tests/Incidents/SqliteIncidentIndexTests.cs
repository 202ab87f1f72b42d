using AiOps.Infrastructure.Incidents;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps.Integration.Tests.Incidents;

/// <summary>The embedded incident index (incidents.db): the list's semantics, paging, breakdowns, retention, reopening.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class SqliteIncidentIndexTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aiops-index-").FullName;

    private string DbPath => Path.Combine(_directory, "incidents.db");

    [Fact]
    public async Task Lists_filters_searches_and_pages_exactly_like_the_reference()
    {
        await using var index = Open();
        await IncidentIndexChecks.ListsExactlyLikeTheReferenceAsync(index, index);
    }

    [Fact]
    public async Task Breaks_down_by_severity_status_and_type_since_a_time()
    {
        await using var index = Open();
        await IncidentIndexChecks.BreaksDownLikeTheReferenceAsync(index, index);
    }

    [Fact]
    public async Task Expires_closed_incidents_by_their_ships_cutoff_and_keeps_open_and_acknowledged_ones()
    {
        await using var index = Open();
        await IncidentIndexChecks.ExpiresClosedIncidentsOnlyAsync(index, index);
    }

    [Fact]
    public async Task What_was_written_is_there_after_reopening_the_file()
    {
        var fleet = IncidentIndexChecks.Fleet(50, seed: 3);
        await using (var index = Open())
        {
            await Task.WhenAll(fleet.Select(s => index.UpsertAsync(s)));
        }

        await using var reopened = Open();
        var page = await reopened.QueryAsync(new Contracts.Pipeline.IncidentQuery { PerPage = 200 });
        Assert.Equal(IncidentIndexChecks.Expected(fleet, new Contracts.Pipeline.IncidentQuery { PerPage = 200 }).IncidentIds, page.IncidentIds);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private SqliteIncidentIndex Open() => new(DbPath, NullLogger<SqliteIncidentIndex>.Instance);
}
