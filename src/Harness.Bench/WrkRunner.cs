using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Bench;

/// <summary>Runs <c>wrk --latency</c> and reads its summary.</summary>
internal static partial class WrkRunner
{
    public static string? Find() => new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    public static async Task<WrkResult> RunAsync(string wrk, Uri url, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(wrk) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--latency", url.ToString() })
        {
            start.ArgumentList.Add(a);
        }

        using var process = ChildProcess.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        var rps = RequestsPerSec().Match(output);
        if (!rps.Success)
        {
            throw new InvalidOperationException("wrk printed no 'Requests/sec:' line: " + output);
        }

        var requests = RequestsLine().Match(output);
        var socket = SocketErrors().Match(output);
        var non2xx = Non2xx().Match(output);
        var errors = (non2xx.Success ? long.Parse(non2xx.Groups["n"].Value, CultureInfo.InvariantCulture) : 0)
            + (socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0);
        return new WrkResult(
            double.Parse(rps.Groups["v"].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "90"),
            Percentile(output, "99"),
            requests.Success ? long.Parse(requests.Groups["n"].Value, CultureInfo.InvariantCulture) : 0,
            errors);
    }

    private static double? Percentile(string output, string p)
    {
        var m = Regex.Match(output, $@"^\s*{p}(?:\.000)?%\s+(?<v>[\d.]+)(?<u>us|ms|s|m)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            return null;
        }

        var v = double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
        return m.Groups["u"].Value switch { "us" => v / 1000, "ms" => v, "s" => v * 1000, _ => v * 60_000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+(?<v>[\d.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex RequestsPerSec();

    [GeneratedRegex(@"(?<n>\d+) requests in", RegexOptions.CultureInvariant)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(?<n>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrors();
}
