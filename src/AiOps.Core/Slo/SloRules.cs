using System.Globalization;
using System.Text;
using AiOps.Core.Policy;

namespace AiOps.Core.Slo;

/// <summary>
/// The vmalert/Prometheus alert rules of <c>slo.yaml</c>, on the metrics the silos export. Generated, never edited
/// by hand: <c>aiops slo rules &gt; deploy/vmalert/aiops-slo.rules.yml</c>, and a test keeps the file equal.
/// </summary>
public static class SloRules
{
    public static string Render(SloPolicy slo)
    {
        static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
        var fastFor = $"{slo.Alerting.GetValueOrDefault("fast_path_latency_violation_min", 5)}m";
        var insightFor = $"{slo.Alerting.GetValueOrDefault("insight_path_latency_violation_min", 10)}m";
        var successFor = $"{slo.Alerting.GetValueOrDefault("success_rate_violation_min", 3)}m";
        var rules = new (string Name, string Expr, string For, string Severity, string Summary)[]
        {
            ("AiOpsFastPathLatencyP99High",
                $"histogram_quantile(0.99, sum by (le) (rate(aiops_fast_path_latency_seconds_bucket[5m]))) > {N(slo.FastPath.IncidentLatencyP99Ms / 1000)}",
                fastFor, "critical", $"Fast Path p99 (ingest to incident) above {N(slo.FastPath.IncidentLatencyP99Ms)} ms"),
            ("AiOpsFastPathLatencyP95High",
                $"histogram_quantile(0.95, sum by (le) (rate(aiops_fast_path_latency_seconds_bucket[5m]))) > {N(slo.FastPath.IncidentLatencyP95Ms / 1000)}",
                fastFor, "warning", $"Fast Path p95 (ingest to incident) above {N(slo.FastPath.IncidentLatencyP95Ms)} ms"),
            ("AiOpsFastPathErrorRateHigh",
                $"sum(rate(aiops_events_rejected_total[5m])) / (sum(rate(aiops_events_ingested_total[5m])) + sum(rate(aiops_events_rejected_total[5m]))) > {N(1 - (slo.FastPath.SuccessRatePct / 100))}",
                successFor, "critical", $"Fast Path success rate below {N(slo.FastPath.SuccessRatePct)}%"),
            ("AiOpsInsightLatencyP99High",
                $"histogram_quantile(0.99, sum by (le) (rate(aiops_insight_latency_seconds_bucket[10m]))) > {N(slo.InsightPath.GetValueOrDefault("llm_enrichment_p99_ms", 20000) / 1000)}",
                insightFor, "warning", $"Insight Path p99 above {N(slo.InsightPath.GetValueOrDefault("llm_enrichment_p99_ms", 20000))} ms"),
            ("AiOpsLlmSuccessRateLow",
                $"sum(rate(aiops_llm_calls_total{{result=\"success\"}}[10m])) / sum(rate(aiops_llm_calls_total[10m])) < {N(slo.InsightPath.GetValueOrDefault("llm_success_rate_pct", 95) / 100)}",
                successFor, "warning", $"LLM success rate below {N(slo.InsightPath.GetValueOrDefault("llm_success_rate_pct", 95))}%"),
            ("AiOpsLlmCacheHitRateLow",
                $"sum(rate(aiops_llm_cache_total{{result=\"hit\"}}[30m])) / sum(rate(aiops_llm_cache_total[30m])) < {N(slo.InsightPath.GetValueOrDefault("cache_hit_rate_pct", 60) / 100)}",
                insightFor, "info", $"Insight cache hit rate below {N(slo.InsightPath.GetValueOrDefault("cache_hit_rate_pct", 60))}%"),
            ("AiOpsNotificationsDeadLettered",
                "sum(increase(aiops_notifications_dead_total[15m])) > 0",
                "0m", "critical", "A notification passed notify.yaml give_up_after and was dead-lettered: GET /api/v3/notifications?state=failed"),
            ("AiOpsConsumerLagHigh",
                $"max(aiops_ingest_consumer_lag) > {N(slo.Queue.GetValueOrDefault("consumer_lag_max", 100))}",
                fastFor, "warning", $"NATS consumer lag above {N(slo.Queue.GetValueOrDefault("consumer_lag_max", 100))} messages"),
        };

        var yaml = new StringBuilder();
        yaml.Append("# Generated from policies/slo.yaml by `aiops slo rules`; do not edit by hand.\n");
        yaml.Append("groups:\n  - name: aiops-slo\n    rules:\n");
        foreach (var (name, expr, duration, severity, summary) in rules)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - alert: {name}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        expr: '{expr}'\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        for: {duration}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        labels:\n          severity: {severity}\n          service: aiops\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        annotations:\n          summary: \"{summary}\"\n");
        }

        return yaml.ToString();
    }
}
