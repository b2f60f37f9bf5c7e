namespace Harness.Platform.Client;

/// <summary>A call to <c>/function/NAME[.NAMESPACE][/PATH]</c> (or <c>/async-function/…</c>).</summary>
public sealed record InvokeRequest
{
    public required string Function { get; init; }

    public string? Namespace { get; init; }

    /// <summary>An optional path after the function name, such as <c>health</c> or <c>api/v1</c>.</summary>
    public string? Path { get; init; }

    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>faas-cli's default is <c>text/plain</c>.</summary>
    public string ContentType { get; init; } = "text/plain";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>Send to <c>/async-function/</c> (faas-cli's <c>--async</c>): the gateway queues the call and answers 202 with <c>X-Call-Id</c>.</summary>
    public bool Async { get; init; }
}
