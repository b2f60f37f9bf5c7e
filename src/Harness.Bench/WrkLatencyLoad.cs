using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Platform.Scheduling;

namespace Harness.Bench;

/// <summary>wrk with <c>--latency</c>: requests per second and p99 of one run against a loopback URL.</summary>
internal sealed partial class WrkLatencyLoad(string wrkPath)
{
    /// <summary>util-linux's chrt (Debian: essential), which starts a command under another policy.</summary>
    private const string ResetPolicy = "/usr/bin/chrt";

    public static WrkLatencyLoad? TryCreate()
    {
        foreach (var dir in (HostEnvironment.Variable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "wrk");
            if (File.Exists(candidate))
            {
                return new WrkLatencyLoad(candidate);
            }
        }

        return null;
    }

    public async Task<LoadFigures> MeasureAsync(Uri url, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("load is only ever sent to loopback", nameof(url));
        }

        // The load generator is not part of the platform: when the platform's side runs batch (bench gateway's
        // SCHED_BATCH path), wrk still gets the default policy, as a client on another machine would.
        var batch = BatchScheduling.IsBatch();
        var info = new ProcessStartInfo(batch ? ResetPolicy : wrkPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (batch)
        {
            info.ArgumentList.Add("--other");
            info.ArgumentList.Add("0");
            info.ArgumentList.Add(wrkPath);
        }

        foreach (var arg in new[]
                 {
                     "--latency", "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", url.ToString(),
                 })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = ChildProcess.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var rps = RequestsPerSecond().Match(output);
        var p99 = P99().Match(output);
        if (process.ExitCode != 0 || !rps.Success || !p99.Success)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output} {await stderr.ConfigureAwait(false)}");
        }

        if (output.Contains("Socket errors:", StringComparison.Ordinal) || output.Contains("Non-2xx or 3xx responses:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk saw failed requests against {url}, so the figures are not comparable: {output}");
        }

        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var ms = p99.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
        return new LoadFigures(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), ms);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"\s99%\s+([0-9.]+)(us|ms|s|m)\b")]
    private static partial Regex P99();
}
