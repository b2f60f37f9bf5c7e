using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary>
/// The queue-worker: <see cref="AsyncOptions.Concurrency"/> loops take queued calls and send them to this gateway's own
/// <c>/function/*</c> route over loopback, so they go through the same path as a synchronous call (scale from zero,
/// replica choice, timeouts, metrics). Retryable statuses (429) are retried with bounded backoff; the final result is
/// POSTed to <c>X-Callback-Url</c> with OpenFaaS's headers.
/// </summary>
internal sealed partial class AsyncWorker(
    AsyncQueue queue,
    AsyncMetrics metrics,
    IServer server,
    GatewayOptions options,
    TimeProvider time,
    ILogger<AsyncWorker> logger) : BackgroundService
{
    private readonly AsyncOptions _async = options.Async;
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    private Uri? _self;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _async.Concurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            QueuedRequest request;
            try
            {
                request = await queue.DequeueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await RunAsync(request, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one bad request must not stop the worker
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, request.CallId, request.Function.ToString(), e);
            }
            finally
            {
                queue.Finish(request);
            }
        }
    }

    private async Task RunAsync(QueuedRequest request, CancellationToken stoppingToken)
    {
        var label = request.Function.ToString();
        AsyncResult result;
        var attempt = 1;
        while (true)
        {
            result = await CallFunctionAsync(request, stoppingToken).ConfigureAwait(false);
            if (attempt >= _async.MaxAttempts || !_async.RetryStatusCodes.Contains(result.Status))
            {
                break;
            }

            var wait = _async.RetryWait(attempt, result.RetryAfter);
            metrics.Retries.WithLabels(label).Inc();
            LogRetry(logger, request.CallId, label, result.Status, attempt, wait.TotalMilliseconds);
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            attempt++;
        }

        metrics.Completed.WithLabels(label, result.Status.ToString(CultureInfo.InvariantCulture)).Inc();
        if (request.CallbackUrl is { } callback)
        {
            await PostCallbackAsync(request, callback, result, attempt, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<AsyncResult> CallFunctionAsync(QueuedRequest request, CancellationToken stoppingToken)
    {
        var target = new Uri(Self(), "function/" + request.RouteName + request.Path + request.QueryString);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.Body.Length > 0 || request.Method is not ("GET" or "HEAD"))
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation(GatewayHeaders.CallId, request.CallId);

        // The gateway bounds the call itself (scale-from-zero hold, then upstream_timeout); this only guards against a hang.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.ScaleFromZeroTimeout + options.UpstreamTimeout + TimeSpan.FromSeconds(30));
        var started = time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return new AsyncResult((int)response.StatusCode, body, response.Content.Headers.ContentType, RetryAfter(response, time.GetUtcNow()), time.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            var text = $"async call to {request.Function} failed: {e.Message}\n";
            return new AsyncResult(StatusCodes.BadGateway, System.Text.Encoding.UTF8.GetBytes(text), new MediaTypeHeaderValue("text/plain"), null, time.GetElapsedTime(started));
        }
    }

    private async Task PostCallbackAsync(QueuedRequest request, Uri callback, AsyncResult result, int attempts, CancellationToken stoppingToken)
    {
        var label = request.Function.ToString();
        using var message = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(result.Body) };
        if (result.ContentType is { } contentType)
        {
            message.Content.Headers.ContentType = contentType;
        }

        message.Headers.TryAddWithoutValidation(GatewayHeaders.CallId, request.CallId);
        message.Headers.TryAddWithoutValidation(AsyncHeaders.FunctionStatus, result.Status.ToString(CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation(AsyncHeaders.FunctionName, request.RouteName);
        message.Headers.TryAddWithoutValidation(AsyncHeaders.DurationSeconds, result.Duration.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation(AsyncHeaders.Attempts, attempts.ToString(CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_async.CallbackTimeout);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            metrics.Callbacks.WithLabels(label, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)).Inc();
            if (!response.IsSuccessStatusCode)
            {
                LogCallbackRefused(logger, request.CallId, callback.ToString(), (int)response.StatusCode);
            }
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            metrics.Callbacks.WithLabels(label, "error").Inc();
            LogCallbackFailed(logger, request.CallId, callback.ToString(), e.Message);
        }
    }

    private Uri Self()
    {
        if (_self is { } self)
        {
            return self;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the gateway is not listening yet");
        var bound = new Uri(address);
        var host = IPAddress.TryParse(bound.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? (ip.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]")
            : bound.Host;
        return _self = new Uri($"http://{host}:{bound.Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };

    private static class StatusCodes
    {
        public const int BadGateway = 502;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "async {CallId} to {Function}: status {Status} on attempt {Attempt}, retrying in {WaitMs} ms")]
    private static partial void LogRetry(ILogger logger, string callId, string function, int status, int attempt, double waitMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "async {CallId}: callback {Callback} answered {Status}")]
    private static partial void LogCallbackRefused(ILogger logger, string callId, string callback, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "async {CallId}: callback {Callback} failed: {Message}")]
    private static partial void LogCallbackFailed(ILogger logger, string callId, string callback, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "async {CallId} to {Function} failed")]
    private static partial void LogFailed(ILogger logger, string callId, string function, Exception exception);

    private sealed record AsyncResult(int Status, byte[] Body, MediaTypeHeaderValue? ContentType, TimeSpan? RetryAfter, TimeSpan Duration);
}
