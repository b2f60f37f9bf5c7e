using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Http11;

/// <summary>
/// One call to forward: the target (path and query, already escaped), the Host to send (the endpoint's authority when
/// null), headers that replace any incoming ones of the same name, the activity timeout, and a hook that runs once the
/// response status and headers are set and before its body is written.
/// </summary>
internal sealed record Http11ForwardRequest(
    string Target,
    string? Host,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    TimeSpan? ActivityTimeout,
    Action<HttpContext, Http11ResponseHead>? OnResponseHead);
