namespace Harness.Platform.Gateway;

/// <summary>Live call counters of one function, updated on the hot path without locks; the scaling loop and the function list read them.</summary>
internal sealed class FunctionTraffic(FunctionKey key, DateTimeOffset firstSeen)
{
    private long _completed;
    private int _inFlight;
    private long _lastActivityTicks = firstSeen.UtcTicks;

    public FunctionKey Key { get; } = key;

    /// <summary>The <c>function_name</c> label value, built once.</summary>
    public string Label { get; } = key.ToString();

    public long Completed => Interlocked.Read(ref _completed);

    public int InFlight => Volatile.Read(ref _inFlight);

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public void Begin(DateTimeOffset now)
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
    }

    public void End(DateTimeOffset now)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
        Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
    }
}
