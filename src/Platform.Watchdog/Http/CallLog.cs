using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Harness.Watchdog.Http;

/// <summary>
/// The line each function call logs, in of-watchdog's words (<c>POST /path - 200 OK - ContentLength: 3B (0.0012s)</c>),
/// since that is what an OpenFaaS user looks for in <c>faas-cli logs</c>. http mode names the status as the upstream's
/// status line does; the fork modes give the code alone, as of-watchdog's fork runners do.
/// </summary>
internal static class CallLog
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];

    public static string Line(string method, string target, int status, bool withReason, long bodyBytes, double seconds, string? callId)
    {
        var code = withReason && ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason
            ? string.Create(CultureInfo.InvariantCulture, $"{status} {reason}")
            : status.ToString(CultureInfo.InvariantCulture);
        var line = string.Create(CultureInfo.InvariantCulture, $"{method} {target} - {code} - ContentLength: {HumanSize(bodyBytes)} ({seconds:F4}s)");
        return callId is null ? line : line + " [" + (callId.Length > 0 ? callId : "none") + "]";
    }

    /// <summary>Decimal units with four significant digits, as docker/go-units' <c>HumanSize</c> (<c>3B</c>, <c>1.234kB</c>; unknown is <c>-1B</c>).</summary>
    public static string HumanSize(long bytes)
    {
        double size = bytes;
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }

        return size.ToString("G4", CultureInfo.InvariantCulture) + Units[unit];
    }
}
