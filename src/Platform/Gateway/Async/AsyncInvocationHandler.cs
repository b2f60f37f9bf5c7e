using System.Globalization;
using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Harness.Platform.Gateway;

/// <summary>
/// <c>POST /async-function/{name}[/{**path}]</c>: checks the function exists, queues the call and answers 202 with
/// <c>X-Call-Id</c>; a full queue answers 429 with <c>Retry-After</c> so the caller slows down instead of losing work.
/// </summary>
internal sealed class AsyncInvocationHandler(AsyncQueue queue, AsyncMetrics metrics, IFunctionProvider provider, GatewayOptions options, TimeProvider time)
{
    private const string Prefix = "/async-function/";

    // Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the HTTP client sets itself are not replayed to the function.
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "Te", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", GatewayHeaders.CallId, AsyncHeaders.CallbackUrl,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var routeName = context.GetRouteValue("name") as string;
        if (!FunctionNames.TryParseInvocation(routeName, out var key, out var status, out var error))
        {
            await TextResponse.WriteAsync(context, status, error).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        Uri? callback = null;
        var callbackText = request.Headers[AsyncHeaders.CallbackUrl].ToString();
        if (callbackText.Length > 0 && (!Uri.TryCreate(callbackText, UriKind.Absolute, out callback) || callback.Scheme is not ("http" or "https")))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, $"{AsyncHeaders.CallbackUrl} '{callbackText}' is not an absolute http(s) URL").ConfigureAwait(false);
            return;
        }

        if (await provider.GetAsync(key.Name, key.Namespace, context.RequestAborted).ConfigureAwait(false) is null)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status404NotFound, $"error finding function {key}").ConfigureAwait(false);
            return;
        }

        var callId = request.Headers[GatewayHeaders.CallId].ToString();
        if (callId.Length == 0)
        {
            callId = CallIds.New();
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && options.MaxFunctionBodyBytes is { } limit)
        {
            await TextResponse.WriteAsync(context, e.StatusCode, FunctionBodyLimitMiddleware.Message(null, limit)).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await TextResponse.WriteAsync(context, e.StatusCode, "could not read the request body: " + e.Message).ConfigureAwait(false);
            return;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            if (Dropped.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is not null)
                {
                    headers.Add(new(name, value));
                }
            }
        }

        // The worker calls from loopback: keep who the caller was, as the synchronous path does.
        if (!request.Headers.ContainsKey(GatewayHeaders.ForwardedFor) && GatewayHeaders.RemoteAddr(context.Connection) is { } remote)
        {
            headers.Add(new(GatewayHeaders.ForwardedFor, remote));
        }

        if (!request.Headers.ContainsKey(GatewayHeaders.ForwardedHost) && request.Host.HasValue)
        {
            headers.Add(new(GatewayHeaders.ForwardedHost, request.Host.Value));
        }

        var path = request.Path.Value ?? "";
        var suffixStart = Prefix.Length + routeName!.Length;
        var queued = new QueuedRequest
        {
            Function = key,
            RouteName = routeName,
            Method = request.Method,
            Path = suffixStart >= path.Length ? "" : path[suffixStart..],
            QueryString = request.QueryString.Value ?? "",
            Headers = headers,
            Body = body,
            CallbackUrl = callback,
            CallId = callId,
            QueuedAt = time.GetUtcNow(),
        };

        var label = key.ToString();
        context.Response.Headers[GatewayHeaders.CallId] = callId;
        context.Response.Headers[GatewayHeaders.ServedBy] = GatewayHeaders.ServedByValue;
        if (!queue.TryEnqueue(queued))
        {
            metrics.Rejected.WithLabels(label).Inc();
            context.Response.Headers.RetryAfter = "1";
            await TextResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                string.Create(CultureInfo.InvariantCulture, $"async queue is full ({queue.Depth} waiting); retry later")).ConfigureAwait(false);
            return;
        }

        metrics.Accepted.WithLabels(label).Inc();
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }
}
