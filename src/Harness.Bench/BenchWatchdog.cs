using System.Diagnostics;
using Harness.Platform.Watchdog;

namespace Harness.Bench;

/// <summary>A watchdog process for the benchmark: loopback, port 0, its own lock file; killed with its whole tree on dispose.</summary>
internal sealed class BenchWatchdog : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _lockPath;

    private BenchWatchdog(Process process, string lockPath, Uri url)
    {
        _process = process;
        _lockPath = lockPath;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    /// <summary>Time from starting the process to its "listening" line, i.e. the watchdog's share of a cold start.</summary>
    public TimeSpan StartTime { get; private init; }

    public static async Task<BenchWatchdog> StartAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(Path.GetTempPath(), "harness-bench-" + Guid.NewGuid().ToString("N")[..8] + ".lock");
        var info = new ProcessStartInfo(WatchdogLocator.Find())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["port"] = "0";
        info.Environment["bind_address"] = "127.0.0.1";
        info.Environment["lock_path"] = lockPath;
        info.Environment["healthcheck_interval"] = "0";
        var started = Stopwatch.GetTimestamp();
        var process = ChildProcess.Start(info) ?? throw new InvalidOperationException("could not start the watchdog");
        // Drained, not kept: at tens of thousands of calls a second the call log would grow the bench by megabytes a round.
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                const string marker = "listening on ";
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var startTime = Stopwatch.GetElapsedTime(started);
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    var watchdog = new BenchWatchdog(process, lockPath, new Uri(line[(at + marker.Length)..].Trim() + "/")) { StartTime = startTime };
                    await watchdog.WaitHealthyAsync(timeout.Token).ConfigureAwait(false);
                    return watchdog;
                }
            }

            throw new InvalidOperationException("the watchdog exited before listening");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
        File.Delete(_lockPath);
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(Url, "_/health"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
