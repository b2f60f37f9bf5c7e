namespace Harness.Platform.Gateway;

/// <summary>Header names the gateway reads or writes.</summary>
internal static class GatewayHeaders
{
    public const string CallId = "X-Call-Id";

    /// <summary>Unix time in nanoseconds when the gateway received the call.</summary>
    public const string StartTime = "X-Start-Time";

    /// <summary>Milliseconds the call was held waiting for a ready replica (scale from zero); 0 when a replica was ready.</summary>
    public const string HoldMs = "X-Harness-Hold-Ms";

    /// <summary>Milliseconds from sending the call to the replica until its response headers arrived.</summary>
    public const string UpstreamMs = "X-Harness-Upstream-Ms";

    /// <summary>One warning per header value on deploy and update (for example misaligned timeouts).</summary>
    public const string Warning = "X-Harness-Warning";

    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedHost = "X-Forwarded-Host";
}
