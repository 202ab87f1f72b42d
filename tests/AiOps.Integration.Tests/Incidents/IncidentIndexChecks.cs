using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Grains.Incidents;

namespace AiOps.Integration.Tests.Incidents;

/// <summary>
/// What every <see cref="IIncidentIndex"/> must do, checked against the reference semantics of the list
/// (<see cref="IncidentFilter"/>, newest first by created time then id): run on SQLite and on a real Redis.
/// </summary>
public static class IncidentIndexChecks
{
    private static readonly string[] Ships = ["ship-a", "ship-b", "ship-c", "ship-d"];
    private static readonly string[] Types = ["resource_pressure", "auth_failure", "link_degradation"];
    private static readonly string[] Words = ["timeout", "carrier lost", "50% loss", "disk_full", "diskxfull", "a\\b", "ünïcode"];

    /// <summary>Random incidents (ties in created time included), some changed after their first write.</summary>
    public static List<IncidentSummary> Fleet(int count, int seed)
    {
        var random = new Random(seed);
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, count).Select(i =>
        {
            var status = (IncidentStatus)random.Next(4);
            var created = t0.AddMilliseconds(random.Next(count / 3) * 1000L);
            var id = $"INC-{random.Next(1_000_000):D6}-{i:D4}";
            var ship = Ships[random.Next(Ships.Length)];
            var type = Types[random.Next(Types.Length)];
            return new IncidentSummary
            {
                IncidentId = id,
                IncidentType = type,
                ShipId = ship,
                Severity = (Severity)random.Next(4),
                Status = status,
                CreatedAt = created,
                ClosedAt = status is IncidentStatus.Resolved or IncidentStatus.Suppressed ? created.AddHours(random.Next(1, 72)) : null,
                SearchText = $"{id} {type} {ship} {Words[random.Next(Words.Length)]}".ToLowerInvariant(),
            };
        }).ToList();
    }

    public static IEnumerable<IncidentQuery> Queries(DateTimeOffset middle) =>
    [
        new IncidentQuery(),
        new IncidentQuery { PerPage = 7, Page = 3 },
        new IncidentQuery { Severities = [Severity.High, Severity.Critical] },
        new IncidentQuery { Severities = [Severity.Low, Severity.Low] },
        new IncidentQuery { Status = IncidentStatus.Open },
        new IncidentQuery { ShipId = "ship-b" },
        new IncidentQuery { ShipId = "ship-none" },
        new IncidentQuery { IncidentType = "auth_failure" },
        new IncidentQuery { Since = middle },
        new IncidentQuery { Search = "  TIMEOUT " },
        new IncidentQuery { Search = "50%" },
        new IncidentQuery { Search = "%" },
        new IncidentQuery { Search = "disk_full" },
        new IncidentQuery { Search = "_" },
        new IncidentQuery { Search = "a\\b" },
        new IncidentQuery { Search = "ÜNÏ" },
        new IncidentQuery { Search = "   " },
        new IncidentQuery { ShipId = "ship-a", Status = IncidentStatus.Ack, Severities = [Severity.Medium, Severity.High], Since = middle },
        new IncidentQuery { IncidentType = "link_degradation", Search = "ship-c", PerPage = 5, Page = 2 },
        new IncidentQuery { ShipId = "ship-d", Severities = [Severity.Critical], Search = "loss" },
        new IncidentQuery { Status = IncidentStatus.Resolved, Page = 1000 },
    ];

    /// <summary>The reference answer: the filter over all summaries, newest first, then the page.</summary>
    public static IncidentPage Expected(IEnumerable<IncidentSummary> all, IncidentQuery query)
    {
        var matches = IncidentFilter.Apply(all, query)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.IncidentId, StringComparer.Ordinal).ToList();
        return new IncidentPage(matches.Skip((query.Page - 1) * query.PerPage).Take(query.PerPage).Select(s => s.IncidentId).ToList(), matches.Count);
    }

    /// <summary>Writes the fleet (then a changed version of a third of it) and checks every query and the paging.</summary>
    public static async Task ListsExactlyLikeTheReferenceAsync(IIncidentIndex writer, IIncidentIndex reader)
    {
        var fleet = Fleet(600, seed: 7);
        await Task.WhenAll(fleet.Select(s => writer.UpsertAsync(s)));
        // Changes replace the row: new status, severity and search text; the ship and type stay.
        var changed = fleet.Where((_, i) => i % 3 == 0).Select(s => s with
        {
            Status = s.Status == IncidentStatus.Open ? IncidentStatus.Resolved : IncidentStatus.Open,
            ClosedAt = s.Status == IncidentStatus.Open ? s.CreatedAt.AddHours(1) : null,
            Severity = (Severity)(((int)s.Severity + 1) % 4),
            SearchText = s.SearchText + " changed",
        }).ToList();
        foreach (var change in changed)
        {
            await writer.UpsertAsync(change);
        }

        var current = fleet.Select(s => changed.FirstOrDefault(c => c.IncidentId == s.IncidentId) ?? s).ToList();
        var middle = current.OrderBy(s => s.CreatedAt).ElementAt(current.Count / 2).CreatedAt;
        foreach (var query in Queries(middle).Append(new IncidentQuery { Search = "changed" }))
        {
            var expected = Expected(current, query);
            var actual = await reader.QueryAsync(query);
            Assert.True(expected.Total == actual.Total, $"total of {query}: expected {expected.Total}, got {actual.Total}");
            Assert.True(expected.IncidentIds.SequenceEqual(actual.IncidentIds), $"page of {query}");
        }

        // Paging through the whole set lists every incident exactly once, newest first.
        var listed = new List<string>();
        for (var page = 1; ; page++)
        {
            var result = await reader.QueryAsync(new IncidentQuery { Page = page, PerPage = 37 });
            Assert.Equal(current.Count, result.Total);
            if (result.IncidentIds.Count == 0)
            {
                break;
            }

            listed.AddRange(result.IncidentIds);
        }

        Assert.Equal(Expected(current, new IncidentQuery { PerPage = 10_000 }).IncidentIds, listed);
        Assert.Equal(current.Count, listed.Distinct().Count());
    }

    /// <summary>Breakdowns since times inside an hour, on an hour and before everything, before and after changes.</summary>
    public static async Task BreaksDownLikeTheReferenceAsync(IIncidentIndex writer, IIncidentIndex reader)
    {
        // Spread over about a day and a half, so that ranges cover whole hours and part of one.
        var fleet = Fleet(300, seed: 11).Select((s, i) => s with { CreatedAt = s.CreatedAt.AddMinutes(i * 7) }).ToList();
        await Task.WhenAll(fleet.Select(s => writer.UpsertAsync(s)));
        var ordered = fleet.OrderBy(s => s.CreatedAt).ToList();
        var sinces = new[]
        {
            ordered[120].CreatedAt, ordered[120].CreatedAt.AddTicks(1), ordered[0].CreatedAt.AddDays(-1),
            new DateTimeOffset(ordered[200].CreatedAt.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero),
        };
        foreach (var since in sinces)
        {
            await AssertBreakdownAsync(reader, fleet, since);
        }

        // Changes move an incident between the counts; nothing is counted twice.
        var changed = fleet.Select((s, i) => i % 4 == 0 ? s with { Status = IncidentStatus.Resolved, Severity = Severity.Critical } : s).ToList();
        foreach (var change in changed.Where((_, i) => i % 4 == 0))
        {
            await writer.UpsertAsync(change);
        }

        foreach (var since in sinces)
        {
            await AssertBreakdownAsync(reader, changed, since);
        }

        var none = await reader.BreakdownAsync(fleet.Max(s => s.CreatedAt).AddSeconds(1));
        Assert.Equal(0, none.Total);
        Assert.Empty(none.ByType);
        Assert.Equal(0, none.BySeverity["critical"]);
    }

    private static async Task AssertBreakdownAsync(IIncidentIndex reader, List<IncidentSummary> fleet, DateTimeOffset since)
    {
        var recent = fleet.Where(s => s.CreatedAt >= since).ToList();
        var breakdown = await reader.BreakdownAsync(since);

        Assert.True(recent.Count == breakdown.Total, $"total since {since:O}: expected {recent.Count}, got {breakdown.Total}");
        foreach (var severity in Enum.GetValues<Severity>())
        {
            Assert.Equal(recent.Count(s => s.Severity == severity), breakdown.BySeverity[severity.ToString().ToLowerInvariant()]);
        }

        foreach (var status in Enum.GetValues<IncidentStatus>())
        {
            Assert.Equal(recent.Count(s => s.Status == status), breakdown.ByStatus[IncidentTransitions.Name(status)]);
        }

        Assert.Equal(recent.GroupBy(s => s.IncidentType).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key),
            breakdown.ByType.OrderBy(p => p.Key));
    }

    /// <summary>Closed incidents past their ship's cutoff expire; open and acknowledged ones never; removal takes them off the list.</summary>
    public static async Task ExpiresClosedIncidentsOnlyAsync(IIncidentIndex writer, IIncidentIndex reader)
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IncidentSummary Make(string id, string ship, IncidentStatus status, DateTimeOffset? closed) => new()
        {
            IncidentId = id, IncidentType = "resource_pressure", ShipId = ship, Severity = Severity.High, Status = status,
            CreatedAt = t0, ClosedAt = closed, SearchText = id.ToLowerInvariant(),
        };

        await Task.WhenAll(
            writer.UpsertAsync(Make("old-resolved", "ship-a", IncidentStatus.Resolved, t0.AddDays(1))),
            writer.UpsertAsync(Make("old-suppressed", "ship-a", IncidentStatus.Suppressed, t0.AddDays(1))),
            writer.UpsertAsync(Make("recent-resolved", "ship-a", IncidentStatus.Resolved, t0.AddDays(20))),
            writer.UpsertAsync(Make("old-open", "ship-a", IncidentStatus.Open, null)),
            writer.UpsertAsync(Make("old-ack", "ship-a", IncidentStatus.Ack, null)),
            writer.UpsertAsync(Make("long-kept", "ship-long", IncidentStatus.Resolved, t0.AddDays(1))),
            writer.UpsertAsync(Make("short-kept", "ship-short", IncidentStatus.Resolved, t0.AddDays(15))));
        var cutoffs = new Dictionary<string, DateTimeOffset> { ["ship-long"] = t0, ["ship-short"] = t0.AddDays(16) };

        var expired = await reader.ExpiredAsync(cutoffs, t0.AddDays(10));

        Assert.Equal(["old-resolved", "old-suppressed", "short-kept"], expired.Order(StringComparer.Ordinal));
        await writer.RemoveAsync(expired);
        var left = await reader.QueryAsync(new IncidentQuery());
        Assert.Equal(new[] { "recent-resolved", "old-open", "old-ack", "long-kept" }.Order(StringComparer.Ordinal).Reverse(), left.IncidentIds);
        Assert.Equal(4, (await reader.BreakdownAsync(t0)).Total);
        Assert.Empty(await reader.ExpiredAsync(cutoffs, t0.AddDays(10)));
        await reader.ProbeAsync();
    }
}
