using Harness.Platform.Client;
using Harness.Platform.Contracts;

namespace Harness.Targets;

/// <summary>
/// Reads function status from the gateway until a condition holds: each wait backs off from <see cref="FirstDelay"/> to
/// <see cref="MaxDelay"/>, and all waits together stay under a request rate, since on faas-netes every read is a
/// Kubernetes API call. It counts what it sent, so a scenario can report its own load on the control plane.
/// </summary>
internal sealed class StatusPoller(OpenFaasClient client, double maxRequestsPerSecond, TimeProvider time)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(25);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan interval = TimeSpan.FromSeconds(1 / Math.Max(0.1, maxRequestsPerSecond));
    private readonly Lock gate = new();
    private DateTimeOffset next = DateTimeOffset.MinValue;
    private long requests;

    /// <summary>Status reads sent so far.</summary>
    public long Requests => Interlocked.Read(ref requests);

    public double MaxRequestsPerSecond => maxRequestsPerSecond;

    public async Task<FunctionStatus?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        return await client.GetFunctionAsync(name, null, usage: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for this read's slot under the request rate, and counts it.</summary>
    private async Task TakeTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var slot = next > now ? next : now;
            next = slot + interval;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Increment(ref requests);
    }

    /// <summary>Until the function has a ready replica.</summary>
    /// <exception cref="TimeoutException">It had none after <paramref name="timeout"/>.</exception>
    public Task WaitReadyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
        => WaitAsync(name, s => s is { AvailableReplicas: > 0 }, timeout, $"function '{name}' had no ready replica after {timeout.TotalSeconds:0} s", cancellationToken);

    /// <summary>Until the gateway no longer lists the function.</summary>
    public Task WaitGoneAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
        => WaitAsync(name, s => s is null, timeout, $"function '{name}' was still listed {timeout.TotalSeconds:0} s after its delete", cancellationToken);

    /// <summary>
    /// On a platform that keeps a standby replica for a function scaled to zero (Harness's local provider), waits until
    /// the function's is prepared, as it is after the idle time that precedes a real cold start. True when it is,
    /// false when it was not within <paramref name="timeout"/>, null when the platform keeps none for this function.
    /// </summary>
    public async Task<bool?> WaitStandbyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var delay = FirstDelay;
        while (true)
        {
            await TakeTurnAsync(cancellationToken).ConfigureAwait(false);
            var prepared = (await client.GetInfoAsync(cancellationToken).ConfigureAwait(false)).Provider?.Prefork?.StandbyPrepared(name);
            if (prepared is not false)
            {
                return prepared;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), MaxDelay.Ticks));
        }
    }

    public async Task WaitAsync(string name, Func<FunctionStatus?, bool> done, TimeSpan timeout, string timeoutMessage, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var delay = FirstDelay;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (!done(await GetAsync(name, cts.Token).ConfigureAwait(false)))
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new TimeoutException(timeoutMessage);
                }

                await Task.Delay(delay, time, cts.Token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), MaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(timeoutMessage);
        }
    }
}
