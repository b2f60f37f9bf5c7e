using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>
/// One function's pre-fork zygote: <c>zygote.py</c> under the replicas' interpreter, root on the host and running
/// platform code only (the template's runtime, from the provider's own copy). It lives in a cgroup of its own with a
/// memory and pids limit, listens on a root-only socket in the provider's run folder, and exits when its stdin (the
/// provider's end) closes, even if the provider was killed.
/// </summary>
internal sealed class Zygote : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly Process _process;
    private readonly CgroupV1? _cgroups;
    private readonly string _cgroupId;
    private readonly string _folder;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private readonly int _environmentLength;
    private long _forks;
    private long _failures;

    private Zygote(FunctionSpec spec, string template, Process process, CgroupV1? cgroups, string cgroupId, string folder, string socket, int environmentLength, ILogger log)
    {
        Template = template;
        _environmentLength = environmentLength;
        Function = spec.Name;
        Namespace = spec.Namespace;
        Fingerprint = FingerprintOf(spec);
        _process = process;
        _cgroups = cgroups;
        _cgroupId = cgroupId;
        _folder = folder;
        SocketPath = socket;
        _log = log;
        _reading = Task.WhenAll(ReadStdoutAsync(), ReadStderrAsync());
    }

    public string Function { get; }

    public string Namespace { get; }

    /// <summary>The template whose server it forks (python3-http, or python3 in http mode).</summary>
    public string Template { get; }

    /// <summary>What the zygote was started for: a changed environment (or runtime) needs a new one.</summary>
    public string Fingerprint { get; }

    public string SocketPath { get; }

    public int? Pid => _process.HasExited ? null : _process.Id;

    public ZygoteState State => _ready.Task.IsCompletedSuccessfully && _ready.Task.Result && !_process.HasExited
        ? ZygoteState.Ready
        : _ready.Task.IsCompleted || _process.HasExited ? ZygoteState.Failed : ZygoteState.Starting;

    public long Forks => Interlocked.Read(ref _forks);

    public long Failures => Interlocked.Read(ref _failures);

    public long MemoryBytes => _cgroups is not null ? Math.Max(0, _cgroups.MemoryUsageBytes(_cgroupId)) : ResidentBytes();

    /// <summary>
    /// Whether a server with this environment can take the zygote's environ area over (same length: a port of another
    /// number of digits does not fit, and that replica starts the usual way).
    /// </summary>
    public bool FitsEnvironment(IReadOnlyList<string> entries) => entries.Sum(e => System.Text.Encoding.UTF8.GetByteCount(e) + 1) == _environmentLength;

    /// <summary>Completes with true once the zygote imported the runtime and listens.</summary>
    public Task<bool> Ready => _ready.Task;

    /// <summary>
    /// Starts the zygote for <paramref name="spec"/> in <paramref name="folder"/> (created here: its copy of the runtime,
    /// the script and the socket), in the cgroup <paramref name="cgroupId"/> when there are cgroups.
    /// </summary>
    public static Zygote Start(FunctionSpec spec, string template, IReadOnlyDictionary<string, string> environment, string python, string folder, CgroupV1? cgroups, string cgroupId, ResourceLimits limits, ILogger log)
    {
        var runtime = Path.Combine(folder, "runtime");
        Directory.CreateDirectory(runtime);
        foreach (var (relative, content) in PreforkEligibility.RuntimeFiles())
        {
            // Readable by the function's uid too: a replica's server reads these paths in its own copy, never here, but
            // the mode shows what a fresh copy would have.
            AtomicFile.Write(Path.Combine(runtime, relative), content, Readable);
        }

        var script = Path.Combine(folder, "zygote.py");
        AtomicFile.Write(script, ZygoteScript.Content);
        var socket = Path.Combine(folder, "zygote.sock");
        File.Delete(socket);
        cgroups?.Create(cgroupId, limits);
        var info = new ProcessStartInfo(python)
        {
            // As long as the server's `python3 server.py`, whose command line it takes over; the rest comes on stdin.
            ArgumentList = { "zygote.py" },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };

        // A replica's environment with stand-in values of the same lengths: the interpreter starts (locale, time zone,
        // encodings) as the server would, and its environ area is exactly as long as the one the server writes there.
        info.Environment.Clear();
        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }
        var process = new Process { StartInfo = info };
        try
        {
#pragma warning disable RS0030 // Zygote is the one owner of a zygote's process: it starts, reads, stops and reaps it
            process.Start();
#pragma warning restore RS0030
        }
        catch
        {
            cgroups?.Remove(cgroupId);
            process.Dispose();
            throw;
        }

        if (cgroups is not null)
        {
            foreach (var path in cgroups.PathsFor(cgroupId))
            {
                File.WriteAllText(Path.Combine(path, "cgroup.procs"), process.Id.ToString(CultureInfo.InvariantCulture));
            }
        }

        process.StandardInput.WriteLine(runtime + "\t" + socket);
        process.StandardInput.Flush();
        var length = environment.Sum(e => System.Text.Encoding.UTF8.GetByteCount(e.Key) + System.Text.Encoding.UTF8.GetByteCount(e.Value) + 2);
        return new Zygote(spec, template, process, cgroups, cgroupId, folder, socket, length, log);
    }

    /// <summary>The environment and folder a zygote depends on, as one comparable string.</summary>
    public static string FingerprintOf(FunctionSpec spec) =>
        spec.WorkingDirectory + "\n" + string.Join('\n', spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value));

    public async ValueTask DisposeAsync()
    {
        try
        {
            // End of file on its stdin is its signal to go.
            _process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
        }

        using (var grace = new CancellationTokenSource(StopGrace))
        {
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _reading.ConfigureAwait(false);
        _ready.TrySetResult(false);
        _process.Dispose();
        if (_cgroups is not null)
        {
            for (var i = 0; i < 100 && !_cgroups.Remove(_cgroupId); i++)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException ex)
        {
            _log.LogDebug(ex, "could not remove the zygote folder {Folder}", _folder);
        }
    }

    /// <summary>Without cgroups: its resident set from /proc (statm's second field, in pages).</summary>
    private long ResidentBytes()
    {
        try
        {
            var pages = File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/statm").Split(' ')[1];
            return long.Parse(pages, CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    private async Task ReadStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                _ready.TrySetResult(true);
            }
            else if (line.StartsWith("served ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _forks);
            }
            else if (line == "failed")
            {
                Interlocked.Increment(ref _failures);
            }
        }

        _ready.TrySetResult(false);
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            _log.LogWarning("local provider: zygote of {Function}.{Namespace}: {Line}", Function, Namespace, line);
        }
    }
}
