using System.Net;
using System.Net.Http.Headers;

namespace AiOps.Cli.Load;

/// <summary>Posts a batch and, as Vector's http sink does, sends it again after <c>Retry-After</c> while the host answers 429 or 503.</summary>
public static class ThrottledPost
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    /// <summary>The first answer that is not back-pressure; <paramref name="throttled"/> is called for each one that is.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, byte[] body, string contentType, Action throttled, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            var response = await http.PostAsync(path, content, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
            {
                return response;
            }

            throttled();
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait > LongestWait ? LongestWait : wait, cancellationToken);
        }
    }
}
