using System.Collections.Concurrent;
using System.Diagnostics;
using Harness.Platform.Watchdog;

namespace Harness.Platform.Watchdog.Tests.Support;

/// <summary>A real watchdog process on 127.0.0.1 (port 0, its own lock file), stopped and swept on dispose.</summary>
internal sealed class WatchdogProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WatchdogProcess(Process process, string lockPath)
    {
        _process = process;
        LockPath = lockPath;
        Client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public string LockPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stderr => string.Join('\n', _stderr);

    /// <summary>
    /// Starts the watchdog with <paramref name="environment"/> and waits until it listens; with
    /// <paramref name="readStderr"/> false nobody reads its stderr until <see cref="ReadStderr"/>.
    /// </summary>
    public static async Task<WatchdogProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null, bool readStderr = true)
    {
        var watchdog = Launch(environment, workingDirectory, out var lockPath, readStderr);
        await watchdog.WaitListeningAsync();
        return watchdog;
    }

    /// <summary>Starts the watchdog without waiting, for tests of start-up failures.</summary>
    public static WatchdogProcess Launch(IReadOnlyDictionary<string, string> environment, string? workingDirectory, out string lockPath, bool readStderr = true)
    {
        lockPath = Path.Combine(Path.GetTempPath(), "harness-wd-" + Guid.NewGuid().ToString("N")[..12] + ".lock");
        var info = new ProcessStartInfo(WatchdogLocator.Find())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.Environment["port"] = "0";
        info.Environment["bind_address"] = "127.0.0.1";
        info.Environment["lock_path"] = lockPath;
        info.Environment["healthcheck_interval"] = "100ms";
        info.Environment["write_timeout"] = "20s";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var watchdog = new WatchdogProcess(process, lockPath);
        process.OutputDataReceived += (_, e) =>
        {
            const string marker = "listening on ";
            if (e.Data is { } line && line.Contains(marker, StringComparison.Ordinal))
            {
                watchdog._listening.TrySetResult(new Uri(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim() + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                watchdog._stderr.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        if (readStderr)
        {
            process.BeginErrorReadLine();
        }

        return watchdog;
    }

    /// <summary>Starts reading stderr, for a watchdog started with <c>readStderr: false</c>.</summary>
    public void ReadStderr() => _process.BeginErrorReadLine();

    public async Task WaitListeningAsync()
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(20)));
        if (first != _listening.Task)
        {
            throw new InvalidOperationException("watchdog did not start listening: " + Stderr);
        }

        BaseUrl = await _listening.Task;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => Client.PostAsync(Url(path), content);

    public async Task<int> StatusAsync(string path)
    {
        using var response = await Client.GetAsync(Url(path));
        return (int)response.StatusCode;
    }

    public void Signal(int signal) => Signals.Kill(_process.Id, signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            var children = ProcFs.Children(_process.Id);
            Signal(Signals.SIGTERM);
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }

            // Children lead their own process groups; sweep any a killed watchdog could not.
            foreach (var child in children)
            {
                Signals.Kill(-child, Signals.SIGKILL);
            }
        }

        _process.Dispose();
        File.Delete(LockPath);
    }
}
