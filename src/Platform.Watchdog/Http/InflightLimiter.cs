namespace Harness.Watchdog.Http;

/// <summary>max_inflight: a request over the limit is refused at once (429), never queued, as in faas-middleware.</summary>
internal sealed class InflightLimiter(int max)
{
    private int _current;

    public int Max { get; } = max;

    public bool AtLimit => Max > 0 && Volatile.Read(ref _current) >= Max;

    public bool TryEnter()
    {
        if (Max <= 0)
        {
            return true;
        }

        if (Interlocked.Increment(ref _current) <= Max)
        {
            return true;
        }

        Interlocked.Decrement(ref _current);
        return false;
    }

    public void Exit()
    {
        if (Max > 0)
        {
            Interlocked.Decrement(ref _current);
        }
    }
}
