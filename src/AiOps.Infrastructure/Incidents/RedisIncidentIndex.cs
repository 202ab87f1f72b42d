using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using StackExchange.Redis;

namespace AiOps.Infrastructure.Incidents;

/// <summary>
/// The cluster's incident index, in the Redis the cluster already uses, so that every silo and the API-only front
/// end read one list. Sorted sets of members '&lt;created ticks, 19 digits&gt;|&lt;id&gt;' (score 0, so ordered by member:
/// exactly created time, then id) for the fleet and for each ship, status, severity and type; a zset of closed
/// incidents by closing time for retention; hashes of the summaries, their search text and where each incident is
/// placed. An upsert is one script that moves the incident between the sets its change affects (a handful of
/// O(log n) commands whatever the fleet's size). A query is one script: the only filter set, or the intersection of
/// the filter sets (the union of the asked severities first), counted from <c>since</c> (ZLEXCOUNT) and paged by
/// rank newest first; <c>search</c> scans that candidate set's search texts in chunks, newest first. All keys share
/// one hash tag, so the scripts are legal on a Redis Cluster too.
/// </summary>
public sealed class RedisIncidentIndex(IConnectionMultiplexer redis, string serviceId) : IIncidentIndex, IAsyncDisposable
{
    // KEYS: summary hash, search hash, sets hash, closed zset, types set, then the sets the incident is in now.
    // ARGV: id, summary JSON, search text, member, closed score ('' when open), type, {m = member, k = keys} JSON.
    private const string UpsertScript = """
        local id, member = ARGV[1], ARGV[4]
        local keep = {}
        for i = 6, #KEYS do keep[KEYS[i]] = true end
        local old = redis.call('HGET', KEYS[3], id)
        if old then
          old = cjson.decode(old)
          for _, key in ipairs(old.k) do
            if old.m ~= member or not keep[key] then redis.call('ZREM', key, old.m) end
          end
        end
        for i = 6, #KEYS do redis.call('ZADD', KEYS[i], 0, member) end
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
            old = cjson.decode(old)
            for _, key in ipairs(old.k) do redis.call('ZREM', key, old.m) end
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
    // ARGV: how many of each, the lowest member ('-' for all), the search needle ('' for none), offset, count, scan chunk.
    // Members are '<created ticks, 19 digits>|<id>' with score 0: the sets order by created time, then id, exactly.
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
          redis.call(unpack(inter))
          source = KEYS[1]
          scratch = true
        end
        local n = redis.call('ZLEXCOUNT', source, ARGV[3], '+')
        local offset, count, chunk = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
        local total, ids = 0, {}
        if ARGV[4] == '' then
          total = n
          if offset < n then
            for _, m in ipairs(redis.call('ZREVRANGE', source, offset, math.min(offset + count, n) - 1)) do
              ids[#ids + 1] = string.sub(m, 21)
            end
          end
        else
          local start = 0
          while start < n do
            local batch = redis.call('ZREVRANGE', source, start, math.min(start + chunk, n) - 1)
            for i, m in ipairs(batch) do batch[i] = string.sub(m, 21) end
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
        var member = Member(summary.CreatedAt, summary.IncidentId);
        var placed = JsonSerializer.Serialize(new Dictionary<string, object> { ["m"] = member, ["k"] = sets.Select(k => (string)k!).ToArray() });
        RedisKey[] keys = [Key("summary"), Key("search"), Key("sets"), Key("closed"), Key("types"), .. sets];
        RedisValue[] values =
        [
            summary.IncidentId,
            JsonSerializer.Serialize(summary, AiOpsJson.Options),
            summary.SearchText,
            member,
            summary.ClosedAt is { } closed ? Score(closed) : "",
            summary.IncidentType,
            placed,
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
            all.Count, any.Count, query.Since is { } since ? From(since) : "-", IncidentIndexing.Needle(query) ?? "",
            IncidentIndexing.Offset(query), query.PerPage, ScanChunk,
        ];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(QueryScript, keys, values).WaitAsync(cancellationToken))!;
        var ids = ((RedisResult[])result[1]!).Select(r => (string)r!).ToList();
        return new IncidentPage(ids, (int)result[0]);
    }

    public async Task<IncidentBreakdown> BreakdownAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var min = From(since);
        var types = (await db.SetMembersAsync(Key("types")).WaitAsync(cancellationToken)).Select(t => (string)t!).ToList();
        var batch = db.CreateBatch();
        var total = LexCount(batch, Key("all"), min);
        var severities = Enum.GetValues<Severity>().Select(s => (s, LexCount(batch, SeverityKey(s), min))).ToList();
        var statuses = Enum.GetValues<IncidentStatus>().Select(s => (s, LexCount(batch, StatusKey(s), min))).ToList();
        var byType = types.Select(t => (t, LexCount(batch, TypeKey(t), min))).ToList();
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

    /// <summary>The member of an incident in the sorted sets: its exact created time (fixed width), then its id.</summary>
    private static string Member(DateTimeOffset created, string id) =>
        created.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "|" + id;

    /// <summary>The lowest member created at or after <paramref name="since"/> (ZRANGEBYLEX bound, inclusive).</summary>
    private static string From(DateTimeOffset since) =>
        "[" + since.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Closing times for retention: whole microseconds since the Unix epoch (exact in a double), checked exactly after.</summary>
    private static string Score(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> LexCount(IBatch batch, RedisKey key, string from) =>
        (long)await batch.ExecuteAsync("ZLEXCOUNT", key, from, "+");

    private RedisKey Key(string name) => _prefix + name;

    private RedisKey ShipKey(string ship) => Key("ship:" + ship);

    private RedisKey StatusKey(IncidentStatus status) => Key("status:" + IncidentTransitions.Name(status));

    private RedisKey SeverityKey(Severity severity) => Key("severity:" + severity.ToString().ToLowerInvariant());

    private RedisKey TypeKey(string type) => Key("type:" + type);
}
