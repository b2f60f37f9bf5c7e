namespace Harness.Load;

/// <summary>One validation problem; <see cref="Field"/> is the YAML path (e.g. <c>load.rate</c>) so a parser can add line numbers.</summary>
public sealed record ConfigError(string Field, string Message)
{
    /// <summary>The error as <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
