namespace AiOps.Integration.Tests.Deployment;

/// <summary>The fleet rehearsal: skipped, naming what is missing, where a server of the composition is not installed.</summary>
public sealed class RequiresFleetFactAttribute : FactAttribute
{
    public static readonly (string Binary, string Package)[] Servers =
    [
        ("/usr/bin/redis-server", "redis-server"), ("/usr/sbin/nats-server", "nats-server"), ("/usr/bin/victoria-metrics", "victoria-metrics"),
        ("/usr/bin/vmalert", "victoria-metrics"), ("/usr/bin/prometheus-alertmanager", "prometheus-alertmanager"),
    ];

    public RequiresFleetFactAttribute()
    {
        var missing = Servers.Where(s => !File.Exists(s.Binary)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing.Select(m => m.Binary))} not installed (apt-get install {string.Join(' ', missing.Select(m => m.Package).Distinct())}; .ci/run does this)";
        }
    }
}
