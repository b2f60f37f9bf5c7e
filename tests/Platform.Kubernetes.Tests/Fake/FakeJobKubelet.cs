using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// The kubelet's part for Job pods, with real processes: each pod's container runs as a process on loopback (an image
/// maps to an executable and arguments before the container's args), its container port becomes a free loopback port
/// (the kubelet rewrites <c>0.0.0.0:PORT</c> in the args, as a pod's own network namespace would make that port its
/// own), its env is the pod spec's (secrets resolved by the API), and its readiness probe is polled until it answers.
/// An unknown image fails as ErrImagePull.
/// </summary>
internal sealed class FakeJobKubelet : IDisposable
{
    // The node's environment; DOTNET_EnableDiagnostics is the test run's (tests.runsettings), so that an agent a test
    // kills leaves no diagnostic socket in /tmp.
    private static readonly string[] BaseVariables = ["PATH", "HOME", "LANG", "TZ", "DOTNET_ROOT", "TMPDIR", "DOTNET_EnableDiagnostics"];
    private readonly Lock _gate = new();
    private readonly List<FakeJobPod> _pods = [];
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Image → the executable and the arguments before the container's own.</summary>
    public Dictionary<string, (string FileName, string[] Prefix)> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>Called without the kubelet's lock when a pod's state changed, so the API republishes it.</summary>
    public Action<FakeJobPod>? Changed { get; set; }

    /// <summary>Every pod started so far (deleted ones included), to check that no process is left.</summary>
    public IReadOnlyList<FakeJobPod> Pods
    {
        get
        {
            lock (_gate)
            {
                return _pods.ToList();
            }
        }
    }

    public FakeJobPod Start(string ns, string job, int index, string name, string image, IReadOnlyList<string> args, int containerPort, string? probePath, IReadOnlyDictionary<string, string> env)
    {
        var pod = new FakeJobPod(ns, job, index, name, containerPort, FreePort());
        lock (_gate)
        {
            _pods.Add(pod);
        }

        if (!Images.TryGetValue(image, out var run))
        {
            pod.Waiting = "ErrImagePull";
            return pod;
        }

        var start = new ProcessStartInfo(run.FileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment.Clear();
        foreach (var v in BaseVariables)
        {
            if (Environment.GetEnvironmentVariable(v) is { Length: > 0 } value)
            {
                start.Environment[v] = value;
            }
        }

        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        start.Environment["HOSTNAME"] = name;
        foreach (var a in run.Prefix)
        {
            start.ArgumentList.Add(a);
        }

        var own = "0.0.0.0:" + containerPort.ToString(CultureInfo.InvariantCulture);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a.Replace(own, "127.0.0.1:" + pod.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Capture(pod, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(pod, e.Data);
        process.Exited += (_, _) =>
        {
            lock (_gate)
            {
                pod.Ready = false;
                pod.ExitCode = process.ExitCode;
            }

            Changed?.Invoke(pod);
        };
        process.Start();
        pod.Process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (probePath is not null)
        {
            _ = ProbeAsync(pod, probePath);
        }

        return pod;
    }

    /// <summary>The container is killed, as when its pod is deleted.</summary>
    public static void Kill(FakeJobPod pod)
    {
        try
        {
            if (pod.Process is { HasExited: false } p)
            {
                p.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var pod in Pods)
        {
            Kill(pod);
            pod.Process?.WaitForExit(5000);
            pod.Process?.Dispose();
        }

        _probe.Dispose();
        _stop.Dispose();
    }

    private async Task ProbeAsync(FakeJobPod pod, string path)
    {
        var url = new Uri($"http://127.0.0.1:{pod.Port.ToString(CultureInfo.InvariantCulture)}{path}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !_stop.IsCancellationRequested && pod.ExitCode is null)
        {
            try
            {
                using var response = await _probe.GetAsync(url, _stop.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    lock (_gate)
                    {
                        pod.Ready = pod.ExitCode is null;
                    }

                    Changed?.Invoke(pod);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Capture(FakeJobPod pod, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (pod.Output)
        {
            if (pod.Output.Count < 1000)
            {
                pod.Output.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
