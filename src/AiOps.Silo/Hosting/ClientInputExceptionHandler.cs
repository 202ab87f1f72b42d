using Microsoft.AspNetCore.Diagnostics;

namespace AiOps.Silo.Hosting;

/// <summary>
/// Turns the two exceptions that can only mean bad client input into ProblemDetails: a body that does not
/// decode for its Content-Encoding (400), and the server's own request checks such as a body over the size
/// limit (<see cref="BadHttpRequestException"/>, with its status, e.g. 413). Everything else stays a 500.
/// </summary>
internal sealed class ClientInputExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            ContentDecodingException => (StatusCodes.Status400BadRequest, "Undecodable body"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Body too large"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
