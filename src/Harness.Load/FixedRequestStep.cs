namespace Harness.Load;

/// <summary>
/// The step for a scenario that sends the same request on every iteration: the raw-socket fast path (<see cref="RawHttpStep"/>)
/// when the request allows it, else <see cref="HttpStep"/> on a client of its own. Both give the same results and error kinds.
/// </summary>
public sealed class FixedRequestStep : IDisposable
{
    private readonly IDisposable owned;
    private readonly string? eventLoopUnsupported;

    private FixedRequestStep(Func<ScenarioContext, Task<Response>> invoke, IDisposable owned, string? fallbackReason, string? eventLoopUnsupported = null)
    {
        InvokeAsync = invoke;
        this.owned = owned;
        FallbackReason = fallbackReason;
        this.eventLoopUnsupported = eventLoopUnsupported;
    }

    /// <summary>One iteration: send the request, read the response, map it to a <see cref="Response"/>.</summary>
    /// <remarks>
    /// A scenario whose step is this very delegate runs, on Linux x86-64 against an IP address, on the engine's epoll
    /// event loop (one thread per core) instead of the thread pool; wrapping it in another delegate keeps it on the thread pool.
    /// </remarks>
    public Func<ScenarioContext, Task<Response>> InvokeAsync { get; }

    /// <summary>True when the request goes over the raw-socket fast path.</summary>
    public bool IsFastPath => FallbackReason is null;

    /// <summary>Why the request goes through HttpClient (null on the fast path).</summary>
    public string? FallbackReason { get; }

    /// <summary>Which path carries the request, for results: <c>raw-socket fast path (epoll event loop)</c>, <c>raw-socket fast path (async sockets: reason)</c> or <c>HttpClient (reason)</c>.</summary>
    public string Describe() => !IsFastPath ? $"HttpClient ({FallbackReason})"
        : eventLoopUnsupported is null ? "raw-socket fast path (epoll event loop)"
        : $"raw-socket fast path (async sockets: {eventLoopUnsupported})";

    /// <summary>Chooses the path for <paramref name="spec"/>; <paramref name="allowFastPath"/> false forces HttpClient (benchmarks, comparisons).</summary>
    public static FixedRequestStep Create(HttpRequestSpec spec, ConnectionPolicy policy, bool verifyTls = true, bool allowFastPath = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(policy);
        var why = allowFastPath ? RawHttpStep.Unsupported(spec) : "fast path disabled";
        if (why is null)
        {
            var raw = new RawHttpStep(spec, policy);
            return new FixedRequestStep(raw.InvokeAsync, raw, null, EventLoopExecutor.Unsupported(raw, TimeProvider.System));
        }

        var client = LoadHttpClient.Create(policy, verifyTls);
        var step = new HttpStep(client, spec, policy);
        return new FixedRequestStep(step.InvokeAsync, client, why);
    }

    /// <summary>Closes the connections (or the client) the step owns.</summary>
    public void Dispose() => owned.Dispose();
}
