using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;

namespace Harness.Watchdog.Http;

/// <summary>
/// The line each function call logs, in of-watchdog's words (<c>POST /path - 200 OK - ContentLength: 3B (0.0012s)</c>),
/// since that is what an OpenFaaS user looks for in <c>faas-cli logs</c>. http mode names the status as the upstream's
/// status line does; the fork modes give the code alone, as of-watchdog's fork runners do. Written as UTF-8 straight
/// into the caller's buffer: it runs once per call.
/// </summary>
internal static class CallLog
{
    private static readonly byte[][] Units = [.. new[] { "B", "kB", "MB", "GB", "TB", "PB", "EB" }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>The most bytes <see cref="TryFormat"/> can need for these strings.</summary>
    public static int MaxBytes(string method, string target, string? callId) =>
        160 + Encoding.UTF8.GetMaxByteCount(method.Length + target.Length + (callId?.Length ?? 0));

    public static bool TryFormat(
        Span<byte> into, out int written, string method, string target, int status, bool withReason, long bodyBytes, double seconds, string? callId)
    {
        written = 0;
        var reason = withReason ? ReasonPhrases.GetReasonPhrase(status) : "";
        if (!Utf8.TryWrite(into, CultureInfo.InvariantCulture, $"{method} {target} - {status}{(reason.Length > 0 ? " " : "")}{reason} - ContentLength: ", out var n))
        {
            return false;
        }

        if (!TryFormatSize(into[n..], bodyBytes, out var size))
        {
            return false;
        }

        n += size;
        // Whole ten-thousandths as integers: formatting a double per call was most of this line's cost.
        var tenThousandths = (long)Math.Round(seconds * 10_000, MidpointRounding.AwayFromZero);
        if (!Utf8.TryWrite(into[n..], CultureInfo.InvariantCulture, $" ({tenThousandths / 10_000}.{tenThousandths % 10_000:D4}s)", out var tail))
        {
            return false;
        }

        n += tail;
        if (callId is not null)
        {
            if (!Utf8.TryWrite(into[n..], CultureInfo.InvariantCulture, $" [{(callId.Length > 0 ? callId : "none")}]", out var id))
            {
                return false;
            }

            n += id;
        }

        written = n;
        return true;
    }

    /// <summary>Decimal units with four significant digits, as docker/go-units' <c>HumanSize</c> (<c>3B</c>, <c>1.234kB</c>; unknown is <c>-1B</c>).</summary>
    public static string HumanSize(long bytes)
    {
        Span<byte> buffer = stackalloc byte[32];
        return TryFormatSize(buffer, bytes, out var n) ? Encoding.ASCII.GetString(buffer[..n]) : "";
    }

    private static bool TryFormatSize(Span<byte> into, long bytes, out int written)
    {
        if (bytes < 1000)
        {
            // Most answers: the count as it is, no double formatted.
            if (!bytes.TryFormat(into, out written, provider: CultureInfo.InvariantCulture) || into.Length < written + 1)
            {
                return false;
            }

            into[written++] = (byte)'B';
            return true;
        }

        double size = bytes;
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }

        if (!size.TryFormat(into, out written, "G4", CultureInfo.InvariantCulture) || !Units[unit].AsSpan().TryCopyTo(into[written..]))
        {
            return false;
        }

        written += Units[unit].Length;
        return true;
    }
}
