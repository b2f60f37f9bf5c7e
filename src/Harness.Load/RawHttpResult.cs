namespace Harness.Load;

/// <summary>One response as the raw fast path read it: status, reason (failures only), decoded body bytes, and whether the connection may carry the next request.</summary>
internal readonly record struct RawHttpResult(int StatusCode, string? Reason, long BodyBytes, bool KeepAlive);
