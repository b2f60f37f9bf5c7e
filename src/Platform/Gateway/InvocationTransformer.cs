using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Harness.Platform.Gateway;

/// <summary>Per-call request and response rewriting: the function's path suffix, call id, start time, forwarded headers and upstream timing.</summary>
internal sealed class InvocationTransformer(PathString path, string callId, string startTime, TimeProvider time) : HttpTransformer
{
    private long _sentAt;

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
        var headers = proxyRequest.Headers;
        headers.Remove(GatewayHeaders.CallId);
        headers.TryAddWithoutValidation(GatewayHeaders.CallId, callId);
        headers.Remove(GatewayHeaders.StartTime);
        headers.TryAddWithoutValidation(GatewayHeaders.StartTime, startTime);
        var incoming = httpContext.Request.Headers;
        if (!incoming.ContainsKey(GatewayHeaders.ForwardedFor) && httpContext.Connection.RemoteIpAddress is { } remote)
        {
            headers.TryAddWithoutValidation(GatewayHeaders.ForwardedFor, remote.ToString());
        }

        if (!incoming.ContainsKey(GatewayHeaders.ForwardedHost) && httpContext.Request.Host.HasValue)
        {
            headers.TryAddWithoutValidation(GatewayHeaders.ForwardedHost, httpContext.Request.Host.Value);
        }

        _sentAt = time.GetTimestamp();
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var headers = httpContext.Response.Headers;
        if (proxyResponse is not null && _sentAt != 0)
        {
            headers[GatewayHeaders.UpstreamMs] = time.GetElapsedTime(_sentAt).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
        }

        // The function's own copies of these must not replace the gateway's.
        headers[GatewayHeaders.CallId] = callId;
        headers[GatewayHeaders.StartTime] = startTime;
        return proceed;
    }
}
