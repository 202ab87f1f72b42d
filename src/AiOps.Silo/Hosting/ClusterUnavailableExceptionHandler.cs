using Microsoft.AspNetCore.Diagnostics;

namespace AiOps.Silo.Hosting;

/// <summary>
/// While the cluster notices a dead silo (a few probe timeouts), calls to the grains it held fail. That is a
/// passing state of the service, not a bug: answer 503 with Retry-After so that clients (Grafana, scripts,
/// Vector) come back, instead of a 500.
/// </summary>
internal sealed class ClusterUnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException or TimeoutException) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Cluster briefly unavailable",
                Detail = "A silo that held part of this request's state stopped answering; the cluster is moving that state. Retry shortly.",
            },
        });
    }
}
