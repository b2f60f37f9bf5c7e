using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Platform.Scheduling;

namespace Harness.Bench;

/// <summary>The one way the benches start Debian's wrk (<c>--latency</c>, to loopback only) and read its summary.</summary>
internal static partial class WrkRunner
{
    /// <summary>util-linux's chrt (Debian: essential), which starts a command under another policy.</summary>
    private const string ResetPolicy = "/usr/bin/chrt";

    /// <summary>wrk on PATH, else where Debian puts it; null when it is not installed.</summary>
    public static string? Find() =>
        (HostEnvironment.Variable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wrk"))
            .Concat(["/usr/bin/wrk", "/usr/local/bin/wrk"])
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs wrk for <paramref name="duration"/> (whole seconds, at least 1) against a loopback URL; with a
    /// <paramref name="postBody"/> every request is a POST of it; with <paramref name="netns"/> wrk runs inside that
    /// namespace and the loopback is the namespace's. Throws when wrk fails or prints no summary.
    /// </summary>
    public static async Task<WrkResult> RunAsync(
        string wrk, Uri url, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken, string? postBody = null,
        BenchNamespace? netns = null)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("load is only ever sent to loopback", nameof(url));
        }

        // The load generator is not part of the platform: when the platform's side runs batch (bench gateway's
        // SCHED_BATCH path), wrk still gets the default policy, as a client on another machine would.
        var command = new List<string>();
        if (BatchScheduling.IsBatch())
        {
            command.AddRange([ResetPolicy, "--other", "0"]);
        }

        if (netns is not null)
        {
            command.AddRange(netns.ExecPrefix);
        }

        command.Add(wrk);
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        // wrk sends a body only from a Lua script.
        string? script = null;
        if (postBody is not null)
        {
            script = Path.Combine(Path.GetTempPath(), "harness-wrk-" + Guid.NewGuid().ToString("N")[..8] + ".lua");
            await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.body = [==[{postBody}]==]\n", cancellationToken).ConfigureAwait(false);
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));
        foreach (var a in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", url.ToString() })
        {
            start.ArgumentList.Add(a);
        }

        string output;
        string errors;
        int exitCode;
        try
        {
            using var process = ChildProcess.Start(start) ?? throw new InvalidOperationException("wrk did not start");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            errors = await stderr.ConfigureAwait(false);
            exitCode = process.ExitCode;
        }
        finally
        {
            if (script is not null)
            {
                File.Delete(script);
            }
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({exitCode}): {output} {errors}");
        }

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
            errors,
            output);
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
