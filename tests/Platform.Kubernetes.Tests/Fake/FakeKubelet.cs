using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Harness.Platform.Templates;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// What the kubelet and the container runtime would do for the fake API, with real processes: for each wanted replica
/// it starts the real watchdog on a free loopback port with the pod template's env (over the "image's" own env and
/// fprocess), reports the pod ready once <c>/_/health</c> answers, and kills pods that are no longer wanted.
/// Images are local build folders (<see cref="Images"/>); an unknown image runs from an empty folder on its env alone.
/// No image pull, no isolation, no secrets volume: see docs/platform/kubernetes.md.
/// </summary>
internal sealed class FakeKubelet : IDisposable
{
    private static readonly string[] BaseVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "PYENV_ROOT", "PYENV_VERSION", "DOTNET_ROOT"];
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly string _watchdog;
    private readonly string _root;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Ns, string Function), Workload> _workloads = [];
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Process> _started = [];
    private int _sequence;
    private bool _disposed;

    public FakeKubelet(string watchdog, string root)
    {
        _watchdog = watchdog;
        _root = root;
        Directory.CreateDirectory(root);
    }

    /// <summary>Image name → a built function folder (what <c>harness build</c> writes), standing in for a registry.</summary>
    public Dictionary<string, string> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>Called (without the kubelet's lock held) when a pod became ready or went away, so the API republishes the workload.</summary>
    public Action<string, string>? Changed { get; set; }

    /// <summary>Every process started so far, to check that none is left behind.</summary>
    public IReadOnlyList<Process> Started
    {
        get
        {
            lock (_gate)
            {
                return _started.ToList();
            }
        }
    }

    /// <summary>Makes the function's pods match <paramref name="replicas"/> of <paramref name="template"/>; null template: delete them all.</summary>
    public void Sync(string ns, string function, int replicas, JsonObject? template)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (!_workloads.TryGetValue((ns, function), out var workload))
            {
                if (template is null)
                {
                    return;
                }

                workload = new Workload(ns, function);
                _workloads[(ns, function)] = workload;
            }

            workload.Replicas = template is null ? 0 : replicas;
            if (template is not null)
            {
                workload.Template = (JsonObject)template.DeepClone();
                workload.TemplateHash = template.ToJsonString();
            }

            SettleLocked(workload);
            if (template is null && workload.Pods.Count == 0)
            {
                _workloads.Remove((ns, function));
            }
        }
    }

    /// <summary>The function's pods as the API should show them.</summary>
    public IReadOnlyList<FakePod> Pods(string ns, string function)
    {
        lock (_gate)
        {
            return _workloads.TryGetValue((ns, function), out var w) ? w.Pods.Select(p => p with { }).ToList() : [];
        }
    }

    /// <summary>Output lines of a pod's watchdog, for the pod log route.</summary>
    public IReadOnlyList<string> Logs(string pod)
    {
        lock (_gate)
        {
            return _workloads.Values.SelectMany(w => w.Pods).FirstOrDefault(p => p.Name == pod)?.Output.ToList() ?? [];
        }
    }

    public void Dispose()
    {
        List<FakePod> pods;
        lock (_gate)
        {
            _disposed = true;
            pods = _workloads.Values.SelectMany(w => w.Pods).ToList();
            _workloads.Clear();
        }

        _stop.Cancel();
        foreach (var pod in pods)
        {
            Kill(pod);
        }

        foreach (var process in Started)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        _health.Dispose();
        _stop.Dispose();
    }

    /// <summary>The Deployment controller's rolling update with maxSurge 1 / maxUnavailable 0, simplified: new pods first, old ones go once enough new ones are ready.</summary>
    private void SettleLocked(Workload workload)
    {
        var current = workload.Pods.Where(p => p.TemplateHash == workload.TemplateHash).ToList();
        var old = workload.Pods.Where(p => p.TemplateHash != workload.TemplateHash).ToList();
        for (var i = current.Count; i < workload.Replicas; i++)
        {
            workload.Pods.Add(StartLocked(workload));
        }

        foreach (var extra in current.OrderBy(p => p.Ready).ThenByDescending(p => p.Name, StringComparer.Ordinal).Take(Math.Max(0, current.Count - workload.Replicas)))
        {
            workload.Pods.Remove(extra);
            Kill(extra);
        }

        var readyCurrent = workload.Pods.Count(p => p.TemplateHash == workload.TemplateHash && p.Ready);
        if (workload.Replicas == 0 || readyCurrent >= workload.Replicas)
        {
            foreach (var pod in old)
            {
                workload.Pods.Remove(pod);
                Kill(pod);
            }
        }
    }

    private FakePod StartLocked(Workload workload)
    {
        var template = workload.Template!;
        var container = template["spec"]!["containers"]![0]!;
        var image = container["image"]!.GetValue<string>();
        var name = $"{workload.Function}-{(++_sequence).ToString("x5", CultureInfo.InvariantCulture)}";
        var podDirectory = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in BaseVariables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v)
            {
                env[variable] = v;
            }
        }

        // The image's own ENV (a built function's manifest), then the pod template's env on top, as a container runtime does.
        var workingDirectory = podDirectory;
        if (Images.TryGetValue(image, out var folder))
        {
            var artifact = FunctionBuilder.Load(folder);
            foreach (var (k, v) in artifact.Environment)
            {
                env[k] = v;
            }

            env["fprocess"] = artifact.Fprocess;
            workingDirectory = folder;
        }

        foreach (var item in container["env"]?.AsArray() ?? [])
        {
            env[item!["name"]!.GetValue<string>()] = item["value"]?.GetValue<string>() ?? "";
        }

        var port = LoopbackPort.Pick();
        env["port"] = port.ToString(CultureInfo.InvariantCulture);
        env["bind_address"] = "127.0.0.1";
        env["HOSTNAME"] = name;
        env["lock_path"] = Path.Combine(podDirectory, ".lock");
        var start = new ProcessStartInfo(_watchdog)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment.Clear();
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var pod = new FakePod(name, workload.TemplateHash!, port, process, (JsonObject)(template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject()));
        process.OutputDataReceived += (_, e) => Capture(pod, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(pod, e.Data);
        process.Exited += (_, _) => Exited(workload, pod);
        process.Start();
        _started.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = ProbeAsync(workload, pod);
        return pod;
    }

    /// <summary>The readiness probe: <c>GET /_/health</c> until it answers 200, then the pod is ready.</summary>
    private async Task ProbeAsync(Workload workload, FakePod pod)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var url = new Uri($"http://127.0.0.1:{pod.Port.ToString(CultureInfo.InvariantCulture)}/_/health");
        while (DateTime.UtcNow < deadline && !_stop.IsCancellationRequested && !pod.Gone)
        {
            try
            {
                using var response = await _health.GetAsync(url, _stop.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    lock (_gate)
                    {
                        if (pod.Gone)
                        {
                            return;
                        }

                        pod.Ready = true;
                        SettleLocked(workload);
                    }

                    Changed?.Invoke(workload.Ns, workload.Function);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Exited(Workload workload, FakePod pod)
    {
        lock (_gate)
        {
            if (pod.Gone || _disposed)
            {
                return;
            }
            // A crashed container: the pod goes, and the controller starts a replacement (bounded, unlike CrashLoopBackOff).
            pod.Gone = true;
            workload.Pods.Remove(pod);
            if (++workload.Crashes <= 3)
            {
                SettleLocked(workload);
            }
        }

        Changed?.Invoke(workload.Ns, workload.Function);
    }

    private static void Capture(FakePod pod, string? line)
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

    private static void Kill(FakePod pod)
    {
        pod.Gone = true;
        try
        {
            if (!pod.Process.HasExited)
            {
                pod.Process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }


    private sealed class Workload(string ns, string function)
    {
        public string Ns { get; } = ns;
        public string Function { get; } = function;
        public int Replicas { get; set; }
        public JsonObject? Template { get; set; }
        public string? TemplateHash { get; set; }
        public List<FakePod> Pods { get; } = [];
        public int Crashes { get; set; }
    }
}
