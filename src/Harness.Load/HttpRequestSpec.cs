namespace Harness.Load;

/// <summary>The request a plain-URL scenario sends on every iteration.</summary>
public sealed record HttpRequestSpec
{
    /// <summary>The absolute URL requested.</summary>
    public required Uri Url { get; init; }
    /// <summary>The HTTP method; GET by default.</summary>
    public string Method { get; init; } = "GET";
    /// <summary>Extra request headers, sent as written.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>The request body (UTF-8), or null for none.</summary>
    public string? Body { get; init; }
    /// <summary>The body's content type; <c>text/plain</c> when a body has none.</summary>
    public string? ContentType { get; init; }
}
