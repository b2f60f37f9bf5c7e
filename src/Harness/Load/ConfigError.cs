namespace Harness.Load;

/// <summary>One validation problem; <see cref="Field"/> is the YAML path (e.g. <c>load.rate</c>) so a parser can add line numbers.</summary>
public sealed record ConfigError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
