namespace Harness.Platform.Gateway;

/// <summary>What the scaling loop remembers about one function between ticks.</summary>
internal sealed class FunctionScalingState(long completed, DateTimeOffset measuredAt)
{
    public long Completed { get; set; } = completed;

    public DateTimeOffset MeasuredAt { get; set; } = measuredAt;

    public ScaleDownWindow Window { get; } = new();
}
