namespace Harness.Scenarios;

/// <summary>The <c>coldStart:</c> section: which functions, how many cold and warm calls each, and how long to wait for scale to zero.</summary>
public sealed record ColdStartOptions
{
    public IReadOnlyList<string> Functions { get; init; } = [];
    public int Repetitions { get; init; } = 3;
    public int Warm { get; init; } = 5;
    public TimeSpan ScaleDownTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan InvokeTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How a replica is made cold: <see cref="ColdStartMethods"/> (auto picks the first the target allows).</summary>
    public string Method { get; init; } = ColdStartMethods.Auto;
}
