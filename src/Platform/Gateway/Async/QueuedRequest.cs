namespace Harness.Platform.Gateway;

/// <summary>One accepted <c>/async-function/*</c> call, as OpenFaaS's <c>QueueRequest</c>: what to send the function and where the result goes.</summary>
internal sealed record QueuedRequest
{
    public required FunctionKey Function { get; init; }

    /// <summary>The name as the caller wrote it (<c>name</c> or <c>name.namespace</c>), for <c>X-Function-Name</c>.</summary>
    public required string RouteName { get; init; }

    public required string Method { get; init; }

    /// <summary>The path after the function name, starting with '/' (or empty).</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, with its '?' (or empty).</summary>
    public required string QueryString { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    public Uri? CallbackUrl { get; init; }

    public required string CallId { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }
}
