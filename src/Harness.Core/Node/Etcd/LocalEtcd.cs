using System.Diagnostics;
using System.Globalization;
using System.Text;
using Harness.Platform.Local;

namespace Harness.Node.Etcd;

/// <summary>An etcd (Debian's etcd-server) started on free loopback ports with its data dir where fsync is measured; always killed on dispose.</summary>
internal sealed class LocalEtcd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private LocalEtcd(Process process, Uri clientUrl, string dataDir)
    {
        _process = process;
        ClientUrl = clientUrl;
        DataDir = dataDir;
    }

    public Uri ClientUrl { get; }

    public string DataDir { get; }

    public int ProcessId => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string? FindBinary()
        => new[] { HostEnvironment.Variable("HARNESS_ETCD"), "/usr/bin/etcd", "/usr/local/bin/etcd" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Starts etcd and waits (bounded) until /health answers; the data dir is created under <paramref name="parentDir"/>.</summary>
    public static async Task<LocalEtcd> StartAsync(string binary, string parentDir, HttpClient http, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(parentDir, $"harness-etcd-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var clientPort = FreePort.Pick();
        var peerPort = FreePort.Pick();
        var client = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{clientPort}");
        var peer = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{peerPort}");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Should this process be killed outright, the next sweep of a temporary folder finds etcd by this and stops it.
        start.Environment[TemporaryStateFolder.OwnerVariable] = parentDir;
        foreach (var arg in new[]
        {
            "--name", "harness", "--data-dir", dataDir, "--logger=zap", "--log-outputs=stderr",
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"harness={peer}", "--initial-cluster-state", "new",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = ChildProcess.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var etcd = new LocalEtcd(process, new Uri(client), dataDir);
        process.OutputDataReceived += etcd.OnLog;
        process.ErrorDataReceived += etcd.OnLog;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await etcd.WaitHealthyAsync(http, TimeSpan.FromSeconds(20), time, cancellationToken).ConfigureAwait(false);
            return etcd;
        }
        catch
        {
            await etcd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or stuck in the kernel: nothing more a user process can do.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void OnLog(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 64 * 1024)
            {
                _log.AppendLine(e.Data);
            }
        }
    }

    private async Task WaitHealthyAsync(HttpClient http, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with {_process.ExitCode} before it was ready:\n{Tail(Log)}");
            }

            try
            {
                var body = await http.GetStringAsync(new Uri(ClientUrl, "/health"), cancellationToken).ConfigureAwait(false);
                if (body.Contains("\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"etcd did not become healthy within {limit.TotalSeconds:0} s:\n{Tail(Log)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Tail(string log) => log.Length > 2000 ? log[^2000..] : log;
}
