using System.Diagnostics;
using System.Net;
using Harness.Watchdog.Config;
using Harness.Watchdog.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Harness.Watchdog.Http;

/// <summary>
/// http mode: proxies each request (path, query, Host, headers, body) to the long-lived function process over
/// kept-alive connections. Deadline → 504; upstream failure → 502 (503 while the child is not up).
/// </summary>
internal sealed class HttpProxyHandler : IFunctionHandler, IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly WatchdogConfig _config;
    private readonly UpstreamSupervisor _supervisor;
    private readonly HttpMessageInvoker _client;
    private readonly string _upstreamBase;

    public HttpProxyHandler(WatchdogConfig config, UpstreamSupervisor supervisor)
    {
        _config = config;
        _supervisor = supervisor;
        _upstreamBase = supervisor.Upstream.GetLeftPart(UriPartial.Authority);
        // One explicitly configured handler: keep-alive to one loopback upstream, no proxy, cookies, redirects or decompression.
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            MaxConnectionsPerServer = int.MaxValue,
            ActivityHeadersPropagator = null,
            EnableMultipleHttp2Connections = false,
        }, disposeHandler: true);
    }

    public bool Ready => _supervisor.Ready;

    public async Task HandleAsync(HttpContext context, DeadlineSource deadline)
    {
        var start = Stopwatch.GetTimestamp();
        var token = deadline.Token;
        if (!await _supervisor.WaitReadyAsync(token).ConfigureAwait(false))
        {
            if (deadline.TimedOut)
            {
                await ResponseWriter.TextAsync(context, StatusCodes.Status503ServiceUnavailable, "function process is not ready\n").ConfigureAwait(false);
            }

            return;
        }

        using var upstreamRequest = CreateRequest(context);
        HttpResponseMessage upstreamResponse;
        try
        {
            upstreamResponse = await _client.SendAsync(upstreamRequest, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.TimedOut)
        {
            WatchdogLog.Error($"upstream did not answer within {deadline.Timeout.TotalSeconds}s");
            await ResponseWriter.TextAsync(context, StatusCodes.Status504GatewayTimeout, "upstream timed out\n").ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (HttpRequestException ex)
        {
            WatchdogLog.Error($"upstream request failed: {ex.Message}");
            var status = _supervisor.Ready ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;
            await ResponseWriter.TextAsync(context, status, "upstream request failed: " + ex.Message + "\n").ConfigureAwait(false);
            return;
        }

        using (upstreamResponse)
        {
            var response = context.Response;
            response.StatusCode = (int)upstreamResponse.StatusCode;
            CopyHeaders(upstreamResponse.Headers, response.Headers);
            CopyHeaders(upstreamResponse.Content.Headers, response.Headers);
            if (_config.ContentType.Length > 0 && upstreamResponse.Content.Headers.ContentType is null)
            {
                response.Headers[HeaderNames.ContentType] = _config.ContentType;
            }

            ResponseWriter.SetDuration(response, start);
            try
            {
                var body = await upstreamResponse.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await body.CopyToAsync(response.Body, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or HttpRequestException)
            {
                // Headers are gone already: the only honest signal left is to abort the connection.
                context.Abort();
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage CreateRequest(HttpContext context)
    {
        var request = context.Request;
        var target = _upstreamBase + request.PathBase + request.Path + request.QueryString;
        var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), target)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (canHaveBody)
        {
            message.Content = new StreamContent(request.Body, 64 * 1024);
        }

        foreach (var header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            // The single-value overload avoids boxing StringValues into an enumerable on the hot path.
            var added = header.Value.Count == 1
                ? message.Headers.TryAddWithoutValidation(header.Key, header.Value[0])
                : message.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            if (!added && message.Content is { } content)
            {
                _ = header.Value.Count == 1
                    ? content.Headers.TryAddWithoutValidation(header.Key, header.Value[0])
                    : content.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        if (request.Headers.Host.Count > 0)
        {
            message.Headers.Host = request.Headers.Host.ToString();
        }

        return message;
    }

    private static void CopyHeaders(System.Net.Http.Headers.HttpHeaders source, IHeaderDictionary target)
    {
        foreach (var header in source.NonValidated)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            target[header.Key] = header.Value.Count == 1 ? header.Value.ToString() : header.Value.ToArray();
        }
    }
}
