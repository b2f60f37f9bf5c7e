using System.Globalization;
using System.Net;
using Harness.Platform.Contracts;
using Harness.Platform.Http11;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Harness.Platform.Gateway;

/// <summary>
/// <c>/function/{name}[/{**path}]</c>: finds a ready replica (holding the call for a scale from zero when there is none),
/// forwards over the platform's own HTTP/1.1 forwarder (<see cref="Http11Forwarder"/>) and maps failures to
/// 502/503/504 with a short text body.
/// </summary>
internal sealed class InvocationHandler(
    Http11Forwarder forwarder,
    ReplicaSelector selector,
    ScaleFromZero scaleFromZero,
    TrafficRegistry traffic,
    GatewayOptions options,
    TimeProvider time)
{
    private const string FunctionPrefix = "/function/";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var routeName = context.GetRouteValue("name") as string;
        if (!FunctionNames.TryParseInvocation(routeName, out var key, out var status, out var error))
        {
            context.Response.Headers[GatewayHeaders.ServedBy] = GatewayHeaders.ServedByValue;
            await TextResponse.WriteAsync(context, status, error).ConfigureAwait(false);
            return;
        }

        var callId = request.Headers[GatewayHeaders.CallId].ToString();
        if (callId.Length == 0)
        {
            callId = CallIds.New();
        }

        var now = time.GetUtcNow();
        var startTime = ((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);
        var responseHeaders = context.Response.Headers;
        responseHeaders[GatewayHeaders.CallId] = callId;
        responseHeaders[GatewayHeaders.StartTime] = startTime;
        responseHeaders[GatewayHeaders.ServedBy] = GatewayHeaders.ServedByValue;

        var fn = traffic.Get(key);
        fn.Begin(now);
        ReplicaSlot? slot = null;
        try
        {
            var set = await selector.GetAsync(key, context.RequestAborted).ConfigureAwait(false);
            slot = set.PickLeastInFlight();
            if (slot is null)
            {
                var heldFrom = time.GetTimestamp();
                var hold = await scaleFromZero.WaitForReadyAsync(key, context.RequestAborted).ConfigureAwait(false);
                responseHeaders[GatewayHeaders.HoldMs] = time.GetElapsedTime(heldFrom).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
                switch (hold.Outcome)
                {
                    case HoldOutcome.NotFound:
                        await TextResponse.WriteAsync(context, StatusCodes.Status404NotFound, hold.Message ?? $"error finding function {key}").ConfigureAwait(false);
                        return;
                    case HoldOutcome.TimedOut:
                        await TextResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, hold.Message ?? $"No endpoints available for: {key}.").ConfigureAwait(false);
                        return;
                    case HoldOutcome.ScaleFailed:
                        await TextResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, hold.Message ?? $"unable to scale function {key}").ConfigureAwait(false);
                        return;
                }

                slot = selector.Publish(key, hold.Endpoints).PickLeastInFlight();
                if (slot is null)
                {
                    await TextResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"No endpoints available for: {key}.").ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                responseHeaders[GatewayHeaders.HoldMs] = "0";
            }

            slot.Acquire();
            var path = SuffixPath(request.Path, routeName!.Length);
            var call = InvocationCall.Create(context, path, callId, startTime, options.UpstreamTimeout, time);
            var result = await forwarder.ForwardAsync(context, slot.Upstream, call, context.RequestAborted).ConfigureAwait(false);
            if (result != Http11ForwardError.None)
            {
                await OnErrorAsync(context, key, result).ConfigureAwait(false);
            }
        }
        catch (ProviderUnavailableException e) when (!context.Response.HasStarted)
        {
            // The orchestrator's API is down: say so (502) rather than failing with an empty 500.
            await TextResponse.WriteAsync(context, StatusCodes.Status502BadGateway, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while the call was held; there is no one to answer.
        }
        finally
        {
            slot?.Release();
            fn.End(time.GetUtcNow());
        }
    }

    private async Task OnErrorAsync(HttpContext context, FunctionKey key, Http11ForwardError error)
    {
        // A replica that refused or dropped the connection is likely gone: resolve again on the next call.
        if (error is Http11ForwardError.Request or Http11ForwardError.ResponseHeaders)
        {
            selector.Invalidate(key);
        }

        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        switch (error)
        {
            case Http11ForwardError.Canceled or Http11ForwardError.ResponseBodyClient:
                return;
            case Http11ForwardError.RequestBodyClient when FunctionBodyLimitMiddleware.Exceeded(context):
                // The chunked body went over MaxFunctionBodyBytes: the same 413 as every other route, with the limit.
                await TextResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, FunctionBodyLimitMiddleware.Message(null, options.MaxFunctionBodyBytes ?? 0)).ConfigureAwait(false);
                return;
            case Http11ForwardError.RequestBodyClient:
                await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "could not read the request body").ConfigureAwait(false);
                return;
            case Http11ForwardError.RequestTimedOut:
                await TextResponse.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
                    $"Timeout waiting for: {key} after {options.UpstreamTimeout.TotalSeconds:0.###}s.").ConfigureAwait(false);
                return;
            default:
                await TextResponse.WriteAsync(context, StatusCodes.Status502BadGateway, $"Can't reach service for: {key}.").ConfigureAwait(false);
                return;
        }
    }

    private static PathString SuffixPath(PathString requestPath, int routeNameLength)
    {
        var value = requestPath.Value ?? "";
        var start = FunctionPrefix.Length + routeNameLength;
        return start >= value.Length ? new PathString("/") : new PathString(value[start..]);
    }
}
