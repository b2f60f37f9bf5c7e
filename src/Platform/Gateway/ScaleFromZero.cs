using System.Collections.Concurrent;
using Harness.Platform.Contracts;
using Harness.Platform.Stack;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary>
/// Holds calls to a function that has no ready replica: one single-flight per function scales it to
/// <c>com.openfaas.scale.min</c> (at least 1) if it is at zero, waits for readiness (woken by the provider when it can
/// signal it, else polling every few ms), and releases every waiter at once.
/// </summary>
internal sealed partial class ScaleFromZero(
    IFunctionProvider provider, GatewayOptions options, TimeProvider time, ILogger<ScaleFromZero> logger) : IDisposable
{
    private readonly ConcurrentDictionary<FunctionKey, Lazy<Task<HoldResult>>> _flights = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Waits for ready replicas; the caller's token cancels only its own wait, never the shared flight. The flight runs
    /// on the pool: the provider may start processes or touch the disk, and the caller may be on an I/O thread.
    /// </summary>
    public Task<HoldResult> WaitForReadyAsync(FunctionKey key, CancellationToken cancellationToken)
    {
        var flight = _flights.GetOrAdd(key, k => new Lazy<Task<HoldResult>>(() => Task.Run(() => FlyAsync(k))));
        return flight.Value.WaitAsync(cancellationToken);
    }

    private async Task<HoldResult> FlyAsync(FunctionKey key)
    {
        try
        {
            return await HoldAsync(key, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return new HoldResult(HoldOutcome.TimedOut, [], "the gateway is stopping");
        }
#pragma warning disable CA1031 // a provider failure must reach every waiter as a 500, not as an unobserved exception
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHoldFailed(logger, key.ToString(), e);
            return new HoldResult(HoldOutcome.ScaleFailed, [], $"unable to scale function {key}: {e.Message}");
        }
        finally
        {
            _flights.TryRemove(key, out _);
        }
    }

    private async Task<HoldResult> HoldAsync(FunctionKey key, CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        var endpoints = await provider.ResolveAsync(key.Name, key.Namespace, stopping).ConfigureAwait(false);
        if (endpoints.Count > 0)
        {
            return new HoldResult(HoldOutcome.Ready, endpoints);
        }

        var status = await provider.GetAsync(key.Name, key.Namespace, stopping).ConfigureAwait(false);
        if (status is null)
        {
            return new HoldResult(HoldOutcome.NotFound, [], $"error finding function {key}: not found");
        }

        // A function at zero gets the long cold-start hold; one whose replicas are all restarting gets a short one,
        // so calls during a crash loop fail fast with 503 instead of hanging.
        var limit = status.Replicas == 0 ? options.ScaleFromZeroTimeout : options.UnreadyHoldTimeout;
        if (status.Replicas == 0)
        {
            var replicas = ScalingPolicy.From(status.Labels, TimeSpan.Zero).ScaleFromZeroReplicas;
            LogScalingFromZero(logger, key.ToString(), replicas);
            var scaled = await provider.ScaleAsync(key.Name, key.Namespace, replicas, stopping).ConfigureAwait(false);
            if (!scaled.IsOk)
            {
                return new HoldResult(HoldOutcome.ScaleFailed, [], $"unable to scale function {key}: {scaled.Message}");
            }
        }

        var signal = provider as IReadinessSignal;
        var interval = signal is null ? options.ReadinessPollInterval : options.ReadinessFallbackPollInterval;
        while (true)
        {
            var changed = signal?.ReadyChanged(key.Name, key.Namespace);
            endpoints = await provider.ResolveAsync(key.Name, key.Namespace, stopping).ConfigureAwait(false);
            if (endpoints.Count > 0)
            {
                LogReady(logger, key.ToString(), time.GetElapsedTime(started).TotalMilliseconds);
                return new HoldResult(HoldOutcome.Ready, endpoints);
            }

            if (time.GetElapsedTime(started) >= limit)
            {
                return new HoldResult(HoldOutcome.TimedOut, [], $"No endpoints available for: {key}.");
            }

            var remaining = limit - time.GetElapsedTime(started);
            var wait = remaining < interval ? remaining : interval;
            var tick = Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), time, stopping);
            if (changed is null)
            {
                await tick.ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAny(changed, tick).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scaling {Function} from zero to {Replicas}")]
    private static partial void LogScalingFromZero(ILogger logger, string function, int replicas);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} ready after {Milliseconds:0} ms held")]
    private static partial void LogReady(ILogger logger, string function, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "scale from zero of {Function} failed")]
    private static partial void LogHoldFailed(ILogger logger, string function, Exception exception);
}
