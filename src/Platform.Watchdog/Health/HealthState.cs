namespace Harness.Watchdog.Health;

/// <summary>Whether this replica should receive traffic: accepting (not shutting down), lock present, upstream up (http mode).</summary>
internal sealed class HealthState(LockFile lockFile, Func<bool> upstreamReady)
{
    private volatile bool _accepting;

    public LockFile Lock { get; } = lockFile;

    public bool Accepting => _accepting;

    public bool IsHealthy => _accepting && upstreamReady() && Lock.Exists;

    public void StartAccepting()
    {
        Lock.Create();
        _accepting = true;
    }

    /// <summary>First step of SIGTERM: health turns 503 so the gateway stops routing here, while requests still finish.</summary>
    public void StopAccepting()
    {
        _accepting = false;
        Lock.Delete();
    }
}
