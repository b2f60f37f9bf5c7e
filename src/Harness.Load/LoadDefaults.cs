namespace Harness.Load;

/// <summary>Defaults where k6 and NBomber leave a value open.</summary>
public static class LoadDefaults
{
    /// <summary>Per-request timeout; k6's HTTP default is 60 s, ours is shorter so a stuck run ends.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>VUs an open model starts with before it grows towards its maxVUs (k6's preAllocatedVUs).</summary>
    public const int PreAllocatedVus = 10;

    /// <summary>Open models never start more concurrent iterations than this; the rest are dropped and counted.</summary>
    public const int MaxVus = 1000;
}
