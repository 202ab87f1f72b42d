using System.IO.Compression;
using System.Text;
using Microsoft.Net.Http.Headers;
using AiOps.Grains.Monitoring;
using AiOps.Insight;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Puts the SLO rules' latency histograms on <c>/metrics</c> with no observation until their first one, as the
/// counters are put there at zero (<see cref="ZeroSeries"/>), so a fresh host does not look broken to vmalert.
/// </summary>
public static class EmptyHistogramsMiddleware
{
    private static int _lastLength;

    public static readonly IReadOnlyList<EmptyHistogram> SloHistograms =
    [
        new("aiops_fast_path_latency_seconds", FastPathMetrics.MeterName, "seconds", FastPathMetrics.FastPathLatencyHelp, FastPathMetrics.LatencyBucketBounds),
        new("aiops_insight_latency_seconds", InsightMetrics.MeterName, "seconds", InsightMetrics.LatencyHelp, InsightMetrics.LatencyBucketBounds),
    ];

    public static IApplicationBuilder UseEmptyHistograms(this IApplicationBuilder app, string path) =>
        app.UseWhen(context => context.Request.Path == path, branch => branch.Use(async (context, next) =>
        {
            // The exporter gzips its answer when the scraper accepts it (VictoriaMetrics and Prometheus do): it is
            // asked for plain text, which is completed here and compressed again for the scraper.
            var gzip = AcceptsGzip(context.Request);
            context.Request.Headers.AcceptEncoding = default;
            var original = context.Response.Body;
            // Sized as the last answer (hundreds of KB): grown by doubling, the buffer was copied several times a scrape.
            using var buffer = new MemoryStream(Volatile.Read(ref _lastLength) + 4096);
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            Volatile.Write(ref _lastLength, body.Length);
            if (context.Response.StatusCode == StatusCodes.Status200OK && !context.Response.Headers.ContainsKey(HeaderNames.ContentEncoding))
            {
                // Decoded into text only while a histogram is still missing: a scrape of the whole exposition as a
                // string and back put megabytes a scrape on the large object heap, which a load that reads /metrics
                // often (aiops load's backlog sampler) turned into full collections.
                if (!EmptyHistogram.AllPresent(body.Span, SloHistograms))
                {
                    var openMetrics = context.Response.ContentType?.StartsWith("application/openmetrics-text", StringComparison.Ordinal) ?? false;
                    body = Encoding.UTF8.GetBytes(EmptyHistogram.AddMissing(Encoding.UTF8.GetString(body.Span), SloHistograms, openMetrics));
                }

                if (gzip)
                {
                    body = Gzip(body.Span);
                    context.Response.Headers.ContentEncoding = "gzip";
                    context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                }

                context.Response.ContentLength = body.Length;
            }

            await original.WriteAsync(body, context.RequestAborted);
        }));

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);

    private static byte[] Gzip(ReadOnlySpan<byte> body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }
}
