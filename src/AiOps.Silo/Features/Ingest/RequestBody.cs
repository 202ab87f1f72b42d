using AiOps.Silo.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Ingest;

/// <summary>
/// Reads a request body up to a limit that holds for the decoded bytes too (a small gzip bomb stops at the
/// limit), or says why it cannot: 413 over the limit, 415 for an encoding the host does not decode, 400 for a
/// body that is not valid data of its Content-Encoding. The body comes in a pooled array (<see cref="RentedBody"/>)
/// that the caller gives back once nothing reads it.
/// </summary>
internal static class RequestBody
{
    public static async Task<(RentedBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (default, TooLarge(limit));
        }

        // The decompression middleware removes the header of an encoding it decodes; what is left, it does not.
        if (request.Headers.ContentEncoding is { Count: > 0 } encoding && !string.Equals(encoding.ToString(), "identity", StringComparison.OrdinalIgnoreCase))
        {
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Encoding",
                detail: $"Content-Encoding '{encoding}' is not supported; send the body plain or as gzip, deflate or br (one encoding)."));
        }

        // Our own limit is the policy's; lift the server's default so that it does not cut in first.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        // Into an array from the shared pool: a batch of a thousand alerts is some 300 KB, and a fresh array of that
        // size per request is a large-object allocation that only a full collection frees.
        var body = new RentedBody(request.ContentLength is { } length and > 0 ? (int)Math.Min(length, limit) : 64 * 1024);
        var handedOver = false;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.FreeSpace(), cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return (default, TooLarge(limit));
                }

                body.Advance(read);
            }

            handedOver = true;
            return (body, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body has no Content-Length to refuse up front; the server stops it at the limit.
            return (default, TooLarge(limit));
        }
        catch (ContentDecodingException e)
        {
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Undecodable body", detail: e.Message));
        }
        finally
        {
            if (!handedOver)
            {
                body.Dispose();
            }
        }
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
            detail: $"The body is larger than the ingest limit of {limit} bytes (ingest.yaml http.max_body_bytes); send smaller batches.");
}
