using System.Diagnostics;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>One pod of a Job run by the <see cref="FakeJobKubelet"/>: a real process on a loopback port standing for its container port.</summary>
internal sealed class FakeJobPod(string ns, string job, int index, string name, int containerPort, int port)
{
    public string Namespace { get; } = ns;
    public string Job { get; } = job;
    public int Index { get; } = index;
    public string Name { get; } = name;
    public int ContainerPort { get; } = containerPort;
    public int Port { get; } = port;
    public Process? Process { get; set; }
    public bool Ready { get; set; }
    public int? ExitCode { get; set; }
    /// <summary>A waiting reason such as ErrImagePull when the container never started.</summary>
    public string? Waiting { get; set; }
    public List<string> Output { get; } = [];
}
