namespace Harness.Platform.Client;

/// <summary>A call to <c>/function/NAME[.NAMESPACE][/PATH]</c> (or <c>/async-function/…</c>).</summary>
public sealed record InvokeRequest
{
    /// <summary>The function name.</summary>
    public required string Function { get; init; }

    /// <summary>The function's namespace; null or empty leaves it to the gateway (its default namespace).</summary>
    public string? Namespace { get; init; }

    /// <summary>An optional path after the function name, such as <c>health</c> or <c>api/v1</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The HTTP method; POST unless set, as faas-cli invoke.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>The request body, sent as is with <see cref="ContentType"/>; not sent with GET or HEAD.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>faas-cli's default is <c>text/plain</c>.</summary>
    public string ContentType { get; init; } = "text/plain";

    /// <summary>Extra request headers, in order; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Query parameters, in order, URL-encoded by the client; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>Send to <c>/async-function/</c> (faas-cli's <c>--async</c>): the gateway queues the call and answers 202 with <c>X-Call-Id</c>.</summary>
    public bool Async { get; init; }
}
