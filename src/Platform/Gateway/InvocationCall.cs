using System.Globalization;
using Harness.Platform.Http11;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>
/// What one invocation sends to its replica and how its answer is stamped: the function's path suffix and the query,
/// the call id, start time and forwarded headers, and on the answer the upstream time and the gateway's own call id,
/// start time and <c>X-Served-By</c> (a function's copies of those must not replace them).
/// </summary>
internal static class InvocationCall
{
    public static Http11ForwardRequest Create(
        HttpContext context, PathString path, string callId, string startTime, TimeSpan upstreamTimeout, TimeProvider time)
    {
        var request = context.Request;
        var headers = new List<KeyValuePair<string, string>>(4)
        {
            new(GatewayHeaders.CallId, callId),
            new(GatewayHeaders.StartTime, startTime),
        };
        if (!request.Headers.ContainsKey(GatewayHeaders.ForwardedFor) && GatewayHeaders.RemoteAddr(context.Connection) is { } remote)
        {
            headers.Add(new(GatewayHeaders.ForwardedFor, remote));
        }

        if (!request.Headers.ContainsKey(GatewayHeaders.ForwardedHost) && request.Host.HasValue)
        {
            headers.Add(new(GatewayHeaders.ForwardedHost, request.Host.Value));
        }

        var sentAt = time.GetTimestamp();
        return new Http11ForwardRequest(
            path.ToUriComponent() + request.QueryString.ToUriComponent(),
            Host: null,
            headers,
            upstreamTimeout,
            (ctx, _) =>
            {
                var responseHeaders = ctx.Response.Headers;
                responseHeaders[GatewayHeaders.UpstreamMs] = time.GetElapsedTime(sentAt).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
                responseHeaders[GatewayHeaders.CallId] = callId;
                responseHeaders[GatewayHeaders.StartTime] = startTime;
                responseHeaders[GatewayHeaders.ServedBy] = GatewayHeaders.ServedByValue;
            });
    }
}
