using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Bench;

/// <summary>Debian's wrk: the least client overhead available, so the ratio measures the server, not the client.</summary>
internal sealed partial class WrkLoad(string wrkPath) : ILoopbackLoad
{
    public string Name => "wrk";

    public static WrkLoad? TryCreate()
    {
        foreach (var dir in (HostEnvironment.Variable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "wrk");
            if (File.Exists(candidate))
            {
                return new WrkLoad(candidate);
            }
        }

        return null;
    }

    public async Task<double> MeasureAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken, string? postBody = null)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("load is only ever sent to loopback", nameof(url));
        }

        var threads = Math.Min(2, connections);
        var info = new ProcessStartInfo(wrkPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // wrk sends a body only from a Lua script.
        string? script = null;
        if (postBody is not null)
        {
            script = Path.Combine(Path.GetTempPath(), "harness-wrk-" + Guid.NewGuid().ToString("N")[..8] + ".lua");
            await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.body = [==[{postBody}]==]\n", cancellationToken).ConfigureAwait(false);
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }

        foreach (var arg in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", url.ToString() })
        {
            info.ArgumentList.Add(arg);
        }

        string output;
        Task<string> stderr;
        using var process = ChildProcess.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        try
        {
            stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (script is not null)
            {
                File.Delete(script);
            }
        }

        var match = RequestsPerSecond().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output} {await stderr.ConfigureAwait(false)}");
        }

        var errors = SocketErrors().Match(output);
        var non2xx = Non2xx().Match(output);
        if (errors.Success || non2xx.Success)
        {
            throw new InvalidOperationException("wrk saw failed requests, so the rate is not comparable: " + output);
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Socket errors:")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses:")]
    private static partial Regex Non2xx();
}
