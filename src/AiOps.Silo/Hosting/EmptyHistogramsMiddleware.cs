using System.Text;
using AiOps.Grains.Monitoring;
using AiOps.Insight;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Puts the SLO rules' latency histograms on <c>/metrics</c> with no observation until their first one, as the
/// counters are put there at zero (<see cref="ZeroSeries"/>), so a fresh host does not look broken to vmalert.
/// </summary>
public static class EmptyHistogramsMiddleware
{
    public static readonly IReadOnlyList<EmptyHistogram> SloHistograms =
    [
        new("aiops_fast_path_latency_seconds", FastPathMetrics.MeterName, "seconds", FastPathMetrics.FastPathLatencyHelp, FastPathMetrics.LatencyBucketBounds),
        new("aiops_insight_latency_seconds", InsightMetrics.MeterName, "seconds", InsightMetrics.LatencyHelp, InsightMetrics.LatencyBucketBounds),
    ];

    public static IApplicationBuilder UseEmptyHistograms(this IApplicationBuilder app, string path) =>
        app.UseWhen(context => context.Request.Path == path, branch => branch.Use(async (context, next) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var body = buffer.ToArray();
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                var openMetrics = context.Response.ContentType?.StartsWith("application/openmetrics-text", StringComparison.Ordinal) ?? false;
                body = Encoding.UTF8.GetBytes(EmptyHistogram.AddMissing(Encoding.UTF8.GetString(body), SloHistograms, openMetrics));
                context.Response.ContentLength = body.Length;
            }

            await original.WriteAsync(body, context.RequestAborted);
        }));
}
