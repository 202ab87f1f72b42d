using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using StackExchange.Redis;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// The cluster's incident index, in the Redis the cluster already uses, so that every silo and the API-only front
/// end read one list. A sorted set of incident ids scored by created time (microseconds) for the fleet, and one per
/// ship, status, severity and type; a zset of closed incidents by closing time for retention; hashes of the
/// summaries, their search text and the sets each incident is in. An upsert is one script that moves the incident
/// between the sets its change affects (a handful of O(log n) commands whatever the fleet's size). A query is one
/// script: the only filter set, or the intersection of the filter sets (the union of the asked severities first),
/// counted (ZCOUNT) and paged by rank newest first; <c>search</c> scans that candidate set's search texts in
/// chunks, newest first. Equal times list by id descending, as in the embedded index (Redis orders equal scores
/// by member). All keys share one hash tag, so the scripts are legal on a Redis Cluster too.
/// </summary>
public sealed class RedisIncidentIndex(IConnectionMultiplexer redis, string serviceId) : IIncidentIndex, IAsyncDisposable
{
    private const string UpsertScript = """
        local id = ARGV[1]
        local keep = {}
        for i = 6, #KEYS do keep[KEYS[i]] = true end
        local old = redis.call('HGET', KEYS[3], id)
        if old then
          for _, key in ipairs(cjson.decode(old)) do
            if not keep[key] then redis.call('ZREM', key, id) end
          end
        end
        for i = 6, #KEYS do redis.call('ZADD', KEYS[i], ARGV[4], id) end
        if ARGV[5] == '' then redis.call('ZREM', KEYS[4], id) else redis.call('ZADD', KEYS[4], ARGV[5], id) end
        redis.call('SADD', KEYS[5], ARGV[6])
        redis.call('HSET', KEYS[1], id, ARGV[2])
        redis.call('HSET', KEYS[2], id, ARGV[3])
        redis.call('HSET', KEYS[3], id, ARGV[7])
        return 1
        """;

    private const string RemoveScript = """
        local removed = 0
        for _, id in ipairs(ARGV) do
          local old = redis.call('HGET', KEYS[3], id)
          if old then
            for _, key in ipairs(cjson.decode(old)) do redis.call('ZREM', key, id) end
            removed = removed + 1
          end
          redis.call('ZREM', KEYS[4], id)
          redis.call('HDEL', KEYS[1], id)
          redis.call('HDEL', KEYS[2], id)
          redis.call('HDEL', KEYS[3], id)
        end
        return removed
        """;

    // KEYS: scratch key, search hash, fleet zset, the sets every match is in, then the sets a match is in one of.
    // ARGV: how many of each, the lowest score, the search needle ('' for none), offset, count, scan chunk.
    private const string QueryScript = """
        local nAll, nAny = tonumber(ARGV[1]), tonumber(ARGV[2])
        local sets = {}
        for i = 1, nAll do sets[#sets + 1] = KEYS[3 + i] end
        local scratch = false
        if nAny == 1 then
          sets[#sets + 1] = KEYS[4 + nAll]
        elseif nAny > 1 then
          local union = {'ZUNIONSTORE', KEYS[1], nAny}
          for i = 1, nAny do union[#union + 1] = KEYS[3 + nAll + i] end
          union[#union + 1] = 'AGGREGATE'; union[#union + 1] = 'MAX'
          redis.call(unpack(union))
          sets[#sets + 1] = KEYS[1]
          scratch = true
        end
        local source = KEYS[3]
        if #sets == 1 then
          source = sets[1]
        elseif #sets > 1 then
          local inter = {'ZINTERSTORE', KEYS[1], #sets}
          for _, key in ipairs(sets) do inter[#inter + 1] = key end
          inter[#inter + 1] = 'AGGREGATE'; inter[#inter + 1] = 'MAX'
          redis.call(unpack(inter))
          source = KEYS[1]
          scratch = true
        end
        local n = redis.call('ZCOUNT', source, ARGV[3], '+inf')
        local offset, count, chunk = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
        local total, ids = 0, {}
        if ARGV[4] == '' then
          total = n
          if offset < n then
            ids = redis.call('ZREVRANGE', source, offset, math.min(offset + count, n) - 1)
          end
        else
          local start = 0
          while start < n do
            local batch = redis.call('ZREVRANGE', source, start, math.min(start + chunk, n) - 1)
            local texts = redis.call('HMGET', KEYS[2], unpack(batch))
            for i, id in ipairs(batch) do
              local text = texts[i]
              if text and string.find(text, ARGV[4], 1, true) then
                if total >= offset and #ids < count then ids[#ids + 1] = id end
                total = total + 1
              end
            end
            start = start + chunk
          end
        end
        if scratch then redis.call('DEL', KEYS[1]) end
        return {total, ids}
        """;

    // Search texts read per step of a search scan (one HMGET), so the script's argument list stays small.
    private const int ScanChunk = 1000;

    private readonly string _prefix = "{aiops:" + serviceId + ":incidents}:";

    public async Task UpsertAsync(IncidentSummary summary, CancellationToken cancellationToken = default)
    {
        var sets = new List<RedisKey>
        {
            Key("all"), ShipKey(summary.ShipId), StatusKey(summary.Status), SeverityKey(summary.Severity), TypeKey(summary.IncidentType),
        };
        var setNames = JsonSerializer.Serialize(sets.Select(k => (string)k!).ToArray());
        RedisKey[] keys = [Key("summary"), Key("search"), Key("sets"), Key("closed"), Key("types"), .. sets];
        RedisValue[] values =
        [
            summary.IncidentId,
            JsonSerializer.Serialize(summary, AiOpsJson.Options),
            summary.SearchText,
            Score(summary.CreatedAt),
            summary.ClosedAt is { } closed ? Score(closed) : "",
            summary.IncidentType,
            setNames,
        ];
        await redis.GetDatabase().ScriptEvaluateAsync(UpsertScript, keys, values).WaitAsync(cancellationToken);
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in incidentIds.Chunk(ScanChunk))
        {
            await redis.GetDatabase().ScriptEvaluateAsync(RemoveScript, [Key("summary"), Key("search"), Key("sets"), Key("closed")],
                chunk.Select(id => (RedisValue)id).ToArray()).WaitAsync(cancellationToken);
        }
    }

    public async Task<IncidentPage> QueryAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        var all = new List<RedisKey>();
        if (query.ShipId is { } ship)
        {
            all.Add(ShipKey(ship));
        }

        if (query.Status is { } status)
        {
            all.Add(StatusKey(status));
        }

        if (query.IncidentType is { } type)
        {
            all.Add(TypeKey(type));
        }

        var any = query.Severities.Distinct().Select(SeverityKey).ToList();
        RedisKey[] keys = [Key("query:" + Guid.NewGuid().ToString("N")), Key("search"), Key("all"), .. all, .. any];
        RedisValue[] values =
        [
            all.Count, any.Count, query.Since is { } since ? Score(since) : "-inf", IncidentIndexing.Needle(query) ?? "",
            IncidentIndexing.Offset(query), query.PerPage, ScanChunk,
        ];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(QueryScript, keys, values).WaitAsync(cancellationToken))!;
        var ids = ((RedisResult[])result[1]!).Select(r => (string)r!).ToList();
        return new IncidentPage(ids, (int)result[0]);
    }

    public async Task<IncidentBreakdown> BreakdownAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var min = double.Parse(Score(since), System.Globalization.CultureInfo.InvariantCulture);
        var types = (await db.SetMembersAsync(Key("types")).WaitAsync(cancellationToken)).Select(t => (string)t!).ToList();
        var batch = db.CreateBatch();
        var total = batch.SortedSetLengthAsync(Key("all"), min);
        var severities = Enum.GetValues<Severity>().Select(s => (s, batch.SortedSetLengthAsync(SeverityKey(s), min))).ToList();
        var statuses = Enum.GetValues<IncidentStatus>().Select(s => (s, batch.SortedSetLengthAsync(StatusKey(s), min))).ToList();
        var byType = types.Select(t => (t, batch.SortedSetLengthAsync(TypeKey(t), min))).ToList();
        batch.Execute();
        await Task.WhenAll(new[] { total }.Concat(severities.Select(s => s.Item2)).Concat(statuses.Select(s => s.Item2))
            .Concat(byType.Select(t => t.Item2))).WaitAsync(cancellationToken);
        return IncidentIndexing.Breakdown((int)total.Result, severities.Select(s => (s.s, (int)s.Item2.Result)),
            statuses.Select(s => (s.s, (int)s.Item2.Result)), byType.Select(t => (t.t, (int)t.Item2.Result)));
    }

    public async Task<IReadOnlyList<string>> ExpiredAsync(IReadOnlyDictionary<string, DateTimeOffset> cutoffByShip, DateTimeOffset fleetCutoff,
        CancellationToken cancellationToken = default)
    {
        // The latest cutoff bounds the range (scores are whole microseconds: inclusive, then exact per ship).
        var latest = cutoffByShip.Values.Append(fleetCutoff).Max();
        var db = redis.GetDatabase();
        var candidates = await db.SortedSetRangeByScoreAsync(Key("closed"), double.NegativeInfinity,
            double.Parse(Score(latest), System.Globalization.CultureInfo.InvariantCulture)).WaitAsync(cancellationToken);
        var expired = new List<string>();
        foreach (var chunk in candidates.Chunk(ScanChunk))
        {
            var summaries = await db.HashGetAsync(Key("summary"), chunk).WaitAsync(cancellationToken);
            foreach (var json in summaries.Where(s => s.HasValue))
            {
                var summary = JsonSerializer.Deserialize<IncidentSummary>((string)json!, AiOpsJson.Options);
                if (summary is not null && IncidentIndexing.IsExpired(summary, cutoffByShip, fleetCutoff))
                {
                    expired.Add(summary.IncidentId);
                }
            }
        }

        return expired;
    }

    public async Task ProbeAsync(CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await redis.CloseAsync();
        await redis.DisposeAsync();
    }

    /// <summary>Whole microseconds since the Unix epoch: exact in a double for the next few centuries.</summary>
    private static string Score(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private RedisKey Key(string name) => _prefix + name;

    private RedisKey ShipKey(string ship) => Key("ship:" + ship);

    private RedisKey StatusKey(IncidentStatus status) => Key("status:" + IncidentTransitions.Name(status));

    private RedisKey SeverityKey(Severity severity) => Key("severity:" + severity.ToString().ToLowerInvariant());

    private RedisKey TypeKey(string type) => Key("type:" + type);
}
