using Microsoft.AspNetCore.Http;

namespace Harness.Watchdog.Http;

/// <summary>One invocation's deadline, linked to the client going away; records whether the deadline (not the client) fired.</summary>
internal sealed class DeadlineSource : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public DeadlineSource(TimeSpan timeout, HttpContext context)
    {
        _timeout = new CancellationTokenSource(timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token, context.RequestAborted);
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => _linked.Token;

    public bool TimedOut => _timeout.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
