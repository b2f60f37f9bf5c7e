using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary>Turns a provider exception on <c>/system/*</c> into a short 500 (or 501 for an unsupported operation) instead of a dropped connection.</summary>
internal sealed partial class SystemErrorMiddleware(RequestDelegate next, ILogger<SystemErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; nothing to answer.
        }
        catch (NotSupportedException e)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status501NotImplemented, e.Message).ConfigureAwait(false);
        }
        catch (Harness.Platform.Contracts.ProviderUnavailableException e)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status502BadGateway, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own body limit is a 413 like every other "too large" answer of the gateway.
            await TextResponse.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
                ? $"request body too large: the limit is {limit} bytes"
                : e.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the boundary of the HTTP surface: every failure becomes an answer
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, context.Request.Method, context.Request.Path.Value ?? "", e);
            await TextResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, e.Message).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);
}
