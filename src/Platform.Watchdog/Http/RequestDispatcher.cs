using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Harness.Platform.Contracts;
using Harness.Watchdog.Config;
using Harness.Watchdog.Health;
using Harness.Watchdog.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Harness.Watchdog.Http;

/// <summary>The watchdog's only request delegate: /_/health, /_/ready, /metrics, and everything else invokes the function.</summary>
internal sealed class RequestDispatcher(
    WatchdogConfig config,
    IFunctionHandler handler,
    HealthState health,
    InflightLimiter limiter,
    WatchdogMetrics metrics)
{
    private readonly string _limitMessage = string.Create(
        CultureInfo.InvariantCulture, $"Concurrent request limit exceeded. Max concurrent requests: {config.MaxInflight}");

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.Length > 1 && path[1] == '_' && path.StartsWith("/_/", StringComparison.Ordinal))
        {
            if (path == "/_/health")
            {
                return HealthAsync(context);
            }

            if (path == "/_/ready")
            {
                return ReadyAsync(context);
            }
        }

        if (path == "/metrics" && context.Request.Method == HttpMethods.Get)
        {
            return ResponseWriter.TextAsync(context, StatusCodes.Status200OK, metrics.Render());
        }

        return InvokeFunctionAsync(context);
    }

    private Task HealthAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return ResponseWriter.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed\n");
        }

        return health.IsHealthy && handler.Ready
            ? ResponseWriter.TextAsync(context, StatusCodes.Status200OK, "OK")
            : ResponseWriter.TextAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable\n");
    }

    private Task ReadyAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return ResponseWriter.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed\n");
        }

        if (!health.IsHealthy || !handler.Ready)
        {
            return ResponseWriter.TextAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable\n");
        }

        return limiter.AtLimit
            ? ResponseWriter.TextAsync(context, StatusCodes.Status429TooManyRequests, _limitMessage)
            : ResponseWriter.TextAsync(context, StatusCodes.Status200OK, "OK");
    }

    private async Task InvokeFunctionAsync(HttpContext context)
    {
        if (!limiter.TryEnter())
        {
            context.Response.Headers["X-OpenFaaS-Internal"] = "faas-middleware";
            await ResponseWriter.TextAsync(context, StatusCodes.Status429TooManyRequests, _limitMessage).ConfigureAwait(false);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        metrics.Started();
        long written = -1;
        try
        {
            using var deadline = new DeadlineSource(EffectiveDeadline(context.Request), context);
            written = await handler.HandleAsync(context, deadline).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            WatchdogLog.Error($"{context.Request.Method} {context.Request.Path}: {ex.GetType().Name}: {ex.Message}");
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await ResponseWriter.TextAsync(context, StatusCodes.Status500InternalServerError, ex.Message + "\n").ConfigureAwait(false);
            }
        }
        finally
        {
            limiter.Exit();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            metrics.Finished(context.Request.Method, context.Response.StatusCode, seconds);
            LogCall(context, written, seconds);
        }
    }

    private void LogCall(HttpContext context, long written, double seconds)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var bytes = written >= 0 ? written : context.Response.ContentLength ?? -1;
        var callId = config.LogCallId ? request.Headers["X-Call-Id"].ToString() : null;
        var max = CallLog.MaxBytes(request.Method, target, callId);
        var rented = max > 1024 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> line = rented ?? stackalloc byte[1024];
        if (CallLog.TryFormat(line, out var length, request.Method, target, context.Response.StatusCode, config.Mode == WatchdogMode.Http, bytes, seconds, callId))
        {
            WatchdogLog.Call(line[..length]);
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The configured deadline, lowered (never raised) by an <c>X-Timeout</c> request header as in of-watchdog.</summary>
    private TimeSpan EffectiveDeadline(HttpRequest request)
    {
        var deadline = config.InvocationDeadline;
        if (request.Headers.TryGetValue("X-Timeout", out var value)
            && GoDuration.TryParse(value.ToString(), out var requested)
            && requested > TimeSpan.Zero && requested < deadline)
        {
            deadline = requested;
        }

        return deadline;
    }
}
