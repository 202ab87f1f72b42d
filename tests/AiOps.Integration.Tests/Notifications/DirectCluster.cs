using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Core.Policy;
using AiOps.Infrastructure;
using AiOps.Infrastructure.Notifications;
using AiOps.Integration.Tests.Support;
using AiOps.Integration.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// A one-silo test cluster of a test's own with the direct delivery registered as the host registers it, a webhook
/// sender double, and no pump running: a test runs a pump pass by hand when it wants one. Its own cluster, so that
/// the fleet's gate (rate counts, storm) starts empty and the policy (quiet hours off, webhook only) can differ.
/// </summary>
internal sealed class DirectCluster : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("aiops-direct-").FullName;
    private InProcessTestCluster _cluster = null!;

    private DirectCluster()
    {
    }

    public ScriptedSender Webhook { get; } = new("webhook");

    public ShiftedClock Clock { get; } = new();

    public GrainCallLog Calls { get; } = new();

    public IGrainFactory Grains => _cluster.Client;

    private IServiceProvider Silo => _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress);

    /// <param name="webhookRatePerMin">The webhook's rate_limit_per_min (0: none).</param>
    /// <param name="directSenders">dispatch.direct_senders; direct_queue is the same: one offer queued per sender.</param>
    public static async Task<DirectCluster> StartAsync(int webhookRatePerMin = 0, int? directSenders = null)
    {
        var policies = PolicyFolder.Copy();
        PolicyFolder.Edit(policies, "notify.yaml", "quiet_hours:\n  enabled: true", "quiet_hours:\n  enabled: false");
        PolicyFolder.Edit(policies, "notify.yaml", "email:\n    enabled: true", "email:\n    enabled: false");
        PolicyFolder.Edit(policies, "notify.yaml", "rate_limit_per_min: 60     # 0 for no limit", $"rate_limit_per_min: {webhookRatePerMin}     # 0 for no limit");
        if (directSenders is { } senders)
        {
            PolicyFolder.Edit(policies, "notify.yaml", "direct_senders: 8\n  direct_queue: 1024", $"direct_senders: {senders}\n  direct_queue: {senders}");
        }

        var direct = new DirectCluster();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBinaryMemoryGrainStorage(StorageNames.Durable);
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter(direct.Calls.NoteAsync);
            silo.Services.AddSingleton<TimeProvider>(direct.Clock);
            silo.Services.AddSingleton<IPolicyProvider>(new StaticPolicyProvider(PolicyLoader.Load(policies)));
            silo.Services.AddAiOpsGrainServices(new GrainServiceSettings(direct._dataDirectory));
            silo.Services.AddSingleton<AiOps.Grains.Analytics.IAnalyticsReader, Grains.HistoryForTests>();
            silo.Services.AddSingleton<INotificationSender>(direct.Webhook);
            silo.Services.AddAiOpsNotificationDeliverer();
        });
        direct._cluster = builder.Build();
        await direct._cluster.DeployAsync();
        return direct;
    }

    /// <summary>A pump of the silo (sharing its deliverer's storm view), for passes the test runs by hand.</summary>
    public NotificationPump Pump() => ActivatorUtilities.CreateInstance<NotificationPump>(Silo);

    /// <summary>One pump pass, failed at a deadline: a pass that took a held send would otherwise wait for ever.</summary>
    public static async Task PassAsync(NotificationPump pump)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await pump.PumpOnceAsync(deadline.Token);
    }

    /// <summary>Opens an incident on <paramref name="ship"/> and answers its id, found in the incident index (no grain call).</summary>
    public async Task<string> OpenIncidentAsync(string ship)
    {
        var now = DateTimeOffset.UtcNow;
        var log = new LogMessage
        {
            TrackingId = $"d-{Guid.NewGuid():N}", Ts = now, ShipId = ship, Domain = Domain.App, Service = "pms-db",
            Level = MessageLevel.Error, Msg = "Database connection timeout", DeviceId = "db-1",
        };
        await Grains.GetGrain<IServiceMonitorGrain>(StreamNames.ServiceKey(ship, "pms-db"))
            .ProcessAsync(new TelemetryBatch { IngestedAt = now, Logs = [log] });
        var index = Silo.GetRequiredService<IIncidentIndex>();
        return await TestHost.EventuallyAsync(async () =>
            (await index.QueryAsync(new IncidentQuery { ShipId = ship, PerPage = 10 })).IncidentIds.FirstOrDefault(), $"the incident of {ship}");
    }

    /// <summary>Waits until the incident's timeline records the webhook's delivery of its opening.</summary>
    public Task DeliveryRecordedAsync(string incidentId) =>
        TestHost.EventuallyAsync(async () =>
            (await Grains.GetGrain<IIncidentGrain>(incidentId).GetAsync())?.Timeline.Any(e => e.Description == "Notified via webhook (opened)") == true ? (bool?)true : null,
            $"the delivery recorded on {incidentId}");

    /// <summary>True when the incident's outbox holds nothing pending (a zero lease: it never holds back a sender).</summary>
    public async Task<bool> NothingPendingAsync(string incidentId) =>
        !(await Grains.GetGrain<IIncidentGrain>(incidentId).TakeDueNotificationsAsync(TimeSpan.Zero)).AnyPending;

    public static string OpenedKey(string incidentId) => $"{incidentId}/opened/webhook";

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
