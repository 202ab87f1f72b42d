using System.Text.Json;
using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;
using NATS.Client.JetStream;
using NATS.Net;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>
/// Publishes log events as deploy/vector/vector.toml does: the object its "logs" remap builds (exactly its
/// fields), JSON-encoded, with JetStream, to the subject its sink renders from the event.
/// </summary>
internal sealed partial class VectorPublisher : IAsyncDisposable
{
    private readonly NatsClient _client;
    private readonly INatsJSContext _jetStream;
    private readonly string _subject;
    private readonly List<string> _fields;

    public VectorPublisher(string natsUrl)
    {
        var vector = VectorConfig.Shipped;
        var sink = vector.Sinks[Assert.Single(vector.SinksOf("logs"))];
        Assert.Equal(true, sink["jetstream"]);
        _subject = (string)sink["subject"];
        var remap = vector.RemapSource("logs");
        _fields = ObjectKey().Matches(remap[remap.IndexOf(". = {", StringComparison.Ordinal)..]).Select(m => m.Groups["key"].Value).ToList();
        _client = new NatsClient(natsUrl);
        _jetStream = _client.CreateJetStreamContext();
    }

    /// <summary>A log event as the remap makes it; <paramref name="extra"/> adds a field the remap never makes (a broken sender).</summary>
    public Dictionary<string, object> Log(string ship, string service, string level, string msg, string? extra = null)
    {
        var values = new Dictionary<string, object>
        {
            ["tracking_id"] = Guid.NewGuid().ToString(), ["ship_id"] = ship, ["ts"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffK"),
            ["domain"] = "app", ["service"] = service, ["level"] = level, ["msg"] = msg, ["host"] = "db-01",
        };
        Assert.Equal(_fields.Order(), values.Keys.Order()); // the remap's fields, no more, no fewer
        if (extra is not null)
        {
            values[extra] = "not in the contract";
        }

        return values;
    }

    public async Task PublishAsync(Dictionary<string, object> log)
    {
        var subject = Template().Replace(_subject, m => (string)log[m.Groups["field"].Value]);
        var ack = await _jetStream.PublishAsync(subject, JsonSerializer.SerializeToUtf8Bytes(log));
        ack.EnsureSuccess();
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [GeneratedRegex(@"\{\{\s*(?<field>\w+)\s*\}\}")]
    private static partial Regex Template();

    [GeneratedRegex(@"^\s*""(?<key>[a-z_]+)"":", RegexOptions.Multiline)]
    private static partial Regex ObjectKey();
}
