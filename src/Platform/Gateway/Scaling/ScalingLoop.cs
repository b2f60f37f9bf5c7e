using Harness.Platform.Contracts;
using Harness.Platform.Stack;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary>
/// Every <see cref="GatewayOptions.ScalingInterval"/>: measures each function's traffic, asks <see cref="ScalingPlanner"/>
/// what to do (idler, then autoscaler) and applies it through <see cref="IFunctionProvider.ScaleAsync"/>.
/// </summary>
internal sealed partial class ScalingLoop(
    IFunctionProvider provider,
    TrafficRegistry traffic,
    ReplicaSelector selector,
    GatewayOptions options,
    TimeProvider time,
    ILogger<ScalingLoop> logger,
    AsyncQueue? queue = null) : BackgroundService
{
    private readonly Dictionary<FunctionKey, FunctionScalingState> _states = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.ScalingInterval, time, stoppingToken).ConfigureAwait(false);
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed tick (a provider hiccup) must not end scaling for good
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogTickFailed(logger, e);
            }
        }
    }

    /// <summary>One pass over every function; public to tests so they can drive it without waiting for the timer.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seen = new HashSet<FunctionKey>();
        foreach (var ns in await provider.ListNamespacesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var status in await provider.ListAsync(ns, cancellationToken).ConfigureAwait(false))
            {
                var key = new FunctionKey(status.Name, status.Namespace ?? ns);
                seen.Add(key);
                await TickAsync(key, status, now, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var gone in _states.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _states.Remove(gone);
        }
    }

    private async Task TickAsync(FunctionKey key, FunctionStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fn = traffic.Get(key);
        var completed = fn.Completed;
        if (!_states.TryGetValue(key, out var state))
        {
            _states[key] = new FunctionScalingState(completed, now);
            return;
        }

        var seconds = (now - state.MeasuredAt).TotalSeconds;
        var rps = seconds > 0 ? (completed - state.Completed) / seconds : 0;
        state.Completed = completed;
        state.MeasuredAt = now;

        var policy = ScalingPolicy.From(status.Labels, options.DefaultScaleDownWindow);
        var measurement = new FunctionMeasurement(status.Replicas, status.AvailableReplicas, fn.InFlight, rps, fn.LastActivity, queue?.Pending(key) ?? 0);
        var decision = ScalingPlanner.Decide(policy, measurement, state.Window, now);
        if (decision is null)
        {
            return;
        }

        var result = await provider.ScaleAsync(key.Name, key.Namespace, decision.Replicas, cancellationToken).ConfigureAwait(false);
        selector.Invalidate(key);
        if (result.IsOk)
        {
            LogScaled(logger, key.ToString(), status.Replicas, decision.Replicas, decision.Reason);
        }
        else
        {
            LogScaleFailed(logger, key.ToString(), decision.Replicas, result.Message ?? result.Outcome.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scaling {Function} from {From} to {To}: {Reason}")]
    private static partial void LogScaled(ILogger logger, string function, int from, int to, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not scale {Function} to {To}: {Message}")]
    private static partial void LogScaleFailed(ILogger logger, string function, int to, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "scaling tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
