using System.Diagnostics;
using System.Globalization;

namespace Harness.Bench;

/// <summary>
/// OpenFaaS's own watchdog (classic-watchdog or of-watchdog, built by the user from source) as a baseline: loopback,
/// a free port, its lock file suppressed; killed with its whole tree on dispose.
/// </summary>
internal sealed class OpenFaasWatchdog : IAsyncDisposable
{
    private readonly Process _process;

    private OpenFaasWatchdog(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<OpenFaasWatchdog> StartAsync(string binary, IReadOnlyDictionary<string, string> environment, string workingDirectory, CancellationToken cancellationToken)
    {
        var port = FreePort.Pick();
        var info = new ProcessStartInfo(binary)
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

        info.Environment["port"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["suppress_lock"] = "true";
        info.Environment["healthcheck_interval"] = "1";
        var process = ChildProcess.Start(info) ?? throw new InvalidOperationException("could not start " + binary);
        // Drained, not kept, as for Harness's watchdog: both log every call.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var watchdog = new OpenFaasWatchdog(process, new Uri($"http://127.0.0.1:{port}/"));
        if (!await FreePort.WaitListeningAsync(port, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false))
        {
            await watchdog.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{binary} did not listen on 127.0.0.1:{port} within 20s (it also needs port 8081, hard-wired for its metrics)");
        }

        return watchdog;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
