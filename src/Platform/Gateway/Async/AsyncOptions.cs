namespace Harness.Platform.Gateway;

/// <summary>
/// The in-process queue behind <c>/async-function/*</c> (OpenFaaS uses NATS; this queue lives in memory and is lost on restart):
/// its bounds, how many calls run at once, and the retry policy for statuses such as 429 from <c>max_inflight</c>.
/// </summary>
public sealed record AsyncOptions
{
    /// <summary>Most requests waiting in the queue; one more is refused with 429 and <c>Retry-After</c>.</summary>
    public int QueueSize { get; init; } = 1000;

    /// <summary>Most request-body bytes held by waiting requests, so a queue of large bodies cannot exhaust memory.</summary>
    public long MaxQueuedBytes { get; init; } = 256L << 20;

    /// <summary>Queued calls run at once (the queue-worker's <c>max_inflight</c>).</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Function statuses that are retried, not delivered as the result (default: 429, openfaas/faas#1618).</summary>
    public IReadOnlyList<int> RetryStatusCodes { get; init; } = [429];

    /// <summary>Calls per request in all, the first included, before the last status becomes the result.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Wait before the first retry; it doubles on each further one.</summary>
    public TimeSpan InitialRetryWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between two attempts, also the cap on a function's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the POST of a result to <c>X-Callback-Url</c> may take.</summary>
    public TimeSpan CallbackTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 (attempt counts from 1): doubling, capped, or the function's Retry-After when it gave one.</summary>
    public TimeSpan RetryWait(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked >= TimeSpan.Zero)
        {
            return asked < MaxRetryWait ? asked : MaxRetryWait;
        }

        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var wait = InitialRetryWait * factor;
        return wait < MaxRetryWait ? wait : MaxRetryWait;
    }

    /// <summary>Collects every problem with these options.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (QueueSize < 1)
        {
            errors.Add("Async.QueueSize must be at least 1");
        }

        if (MaxQueuedBytes < 1)
        {
            errors.Add("Async.MaxQueuedBytes must be positive");
        }

        if (Concurrency < 1)
        {
            errors.Add("Async.Concurrency must be at least 1");
        }

        if (MaxAttempts < 1)
        {
            errors.Add("Async.MaxAttempts must be at least 1");
        }

        if (InitialRetryWait < TimeSpan.Zero)
        {
            errors.Add("Async.InitialRetryWait must not be negative");
        }

        if (MaxRetryWait < InitialRetryWait)
        {
            errors.Add("Async.MaxRetryWait must be at least InitialRetryWait");
        }

        if (CallbackTimeout <= TimeSpan.Zero)
        {
            errors.Add("Async.CallbackTimeout must be positive");
        }

        if (RetryStatusCodes.Any(c => c is < 100 or > 599))
        {
            errors.Add("Async.RetryStatusCodes must be HTTP statuses");
        }

        return errors;
    }
}
