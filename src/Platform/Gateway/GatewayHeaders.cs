using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

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

    /// <summary>On every invocation answer; OpenFaaS sends <c>openfaas-ce/&lt;version&gt;</c> here.</summary>
    public const string ServedBy = "X-Served-By";

    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedHost = "X-Forwarded-Host";

    /// <summary>
    /// <c>harness/&lt;release&gt;</c>: the product that answered, as OpenFaaS names itself, but not OpenFaaS's name, which
    /// would claim an edition this is not (a client comparing the value to <c>openfaas-ce/</c> should see the difference).
    /// </summary>
    public static string ServedByValue { get; } = "harness/" + Contracts.VersionInfo.Of(typeof(GatewayHeaders).Assembly).Release;

    /// <summary>
    /// The caller as Go's <c>r.RemoteAddr</c> writes it (<c>ip:port</c>, <c>[v6]:port</c>), which is what OpenFaaS's
    /// gateway puts in <c>X-Forwarded-For</c> when the request has none; null for a caller without an IP (Unix socket).
    /// </summary>
    public static string? RemoteAddr(ConnectionInfo connection)
    {
        if (connection.RemoteIpAddress is not { } ip)
        {
            return null;
        }

        // A dual-stack listener reports IPv4 callers as ::ffff:a.b.c.d; Go reports them as a.b.c.d. Formatted directly:
        // this runs on every invocation, and an IPEndPoint would be one more object per call.
        var v4 = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        return v4.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{v4}]:{connection.RemotePort}")
            : string.Create(CultureInfo.InvariantCulture, $"{v4}:{connection.RemotePort}");
    }
}
