namespace Harness.Load;

/// <summary>The request a plain-URL scenario sends on every iteration.</summary>
public sealed record HttpRequestSpec
{
    public required Uri Url { get; init; }
    public string Method { get; init; } = "GET";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string? Body { get; init; }
    public string? ContentType { get; init; }
}
