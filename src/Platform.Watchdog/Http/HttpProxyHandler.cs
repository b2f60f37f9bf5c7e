using System.Diagnostics;
using Harness.Platform.Http11;
using Harness.Watchdog.Config;
using Harness.Watchdog.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Harness.Watchdog.Http;

/// <summary>
/// http mode: proxies each request (path, query, Host, headers, body) to the long-lived function process over
/// kept-alive connections (the platform's own HTTP/1.1 forwarder, shared with the gateway). Deadline → 504; upstream
/// failure → 502 (503 while the child is not up).
/// </summary>
internal sealed class HttpProxyHandler : IFunctionHandler, IDisposable
{
    private readonly WatchdogConfig _config;
    private readonly UpstreamSupervisor _supervisor;
    private readonly Http11ConnectionPool _pool = new(TimeProvider.System);
    private readonly Http11Forwarder _forwarder;
    private readonly Http11Endpoint _upstream;

    public HttpProxyHandler(WatchdogConfig config, UpstreamSupervisor supervisor)
    {
        _config = config;
        _supervisor = supervisor;
        _forwarder = new Http11Forwarder(_pool);
        _upstream = Http11Endpoint.Tcp(supervisor.Upstream);
    }

    public bool Ready => _supervisor.Ready;

    public async Task<long> HandleAsync(HttpContext context, DeadlineSource deadline)
    {
        var start = Stopwatch.GetTimestamp();
        if (!await _supervisor.WaitReadyAsync(deadline.Token).ConfigureAwait(false))
        {
            if (deadline.TimedOut)
            {
                await ResponseWriter.TextAsync(context, StatusCodes.Status503ServiceUnavailable, "function process is not ready\n").ConfigureAwait(false);
            }

            return -1;
        }

        var request = context.Request;
        var call = new Http11ForwardRequest(
            (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent(),
            request.Headers.Host.Count > 0 ? request.Headers.Host.ToString() : null,
            [],
            ActivityTimeout: null,
            (ctx, head) =>
            {
                var response = ctx.Response;
                if (_config.ContentType.Length > 0 && !head.Headers.Any(h => h.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase)))
                {
                    response.Headers[HeaderNames.ContentType] = _config.ContentType;
                }

                ResponseWriter.SetDuration(response, start);
            });
        var result = await _forwarder.ForwardAsync(context, _upstream, call, deadline.Token).ConfigureAwait(false);
        switch (result)
        {
            case Http11ForwardError.Canceled when deadline.TimedOut:
                WatchdogLog.Error($"upstream did not answer within {deadline.Timeout.TotalSeconds}s");
                await ResponseWriter.TextAsync(context, StatusCodes.Status504GatewayTimeout, "upstream timed out\n").ConfigureAwait(false);
                return -1;
            case Http11ForwardError.Request or Http11ForwardError.ResponseHeaders:
            {
                var what = result == Http11ForwardError.Request
                    ? "the function process could not be reached"
                    : "the function process sent no valid response";
                WatchdogLog.Error($"upstream request failed: {what}");
                var status = _supervisor.Ready ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;
                await ResponseWriter.TextAsync(context, status, "upstream request failed: " + what + "\n").ConfigureAwait(false);
                return -1;
            }

            case Http11ForwardError.RequestBodyClient:
                await ResponseWriter.TextAsync(context, StatusCodes.Status400BadRequest, "could not read the request body\n").ConfigureAwait(false);
                return -1;
        }

        return -1;
    }

    public void Dispose() => _pool.Dispose();
}
