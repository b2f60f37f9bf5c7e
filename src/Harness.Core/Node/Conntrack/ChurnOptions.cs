namespace Harness.Node.Conntrack;

/// <summary>A bounded connection-churn load: one request per connection (<c>Connection: close</c>), stopped by count or time.</summary>
internal sealed record ChurnOptions
{
    public int Connections { get; init; } = 20_000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public int Workers { get; init; } = 4;
    /// <summary>New connections per second over all workers; 0 means as fast as the workers go.</summary>
    public double Rate { get; init; }
    /// <summary>A connect or response slower than this counts as a client timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Connections is < 1 or > 10_000_000)
        {
            errors.Add($"connections {Connections}: expected 1 to 10,000,000");
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromHours(1))
        {
            errors.Add($"duration {Duration}: expected more than 0 and at most 1 h");
        }

        if (Workers is < 1 or > 256)
        {
            errors.Add($"workers {Workers}: expected 1 to 256");
        }

        if (Rate < 0)
        {
            errors.Add($"rate {Rate}: expected >= 0");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("timeout must be positive");
        }

        if (SampleInterval < TimeSpan.FromMilliseconds(50))
        {
            errors.Add("sample interval must be at least 50 ms");
        }

        return errors;
    }
}
