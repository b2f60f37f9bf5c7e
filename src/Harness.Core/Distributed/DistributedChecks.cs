using Harness.Platform.Stack;

namespace Harness.Distributed;

/// <summary>The checks the <c>--agents</c>/<c>--agent-*</c> flags and the <c>distributed:</c> sections share: each returns why a value is wrong, or null.</summary>
internal static class DistributedChecks
{
    public static string? Agents(long agents) =>
        agents is < 1 or > DistributedLimits.MaxAgents ? $"{agents} is not between 1 and {DistributedLimits.MaxAgents}" : null;

    public static string? Runtime(string runtime) =>
        runtime is DistributedOptions.Local or DistributedOptions.Kubernetes ? null : $"unknown runtime '{runtime}' (use local or kubernetes)";

    public static string? Cpu(string cpu) =>
        ResourceQuantity.TryParseMilliCpu(cpu, out _) ? null : $"'{cpu}' is not a CPU quantity such as 1 or 500m";

    public static string? Memory(string memory) =>
        ResourceQuantity.IsValid(memory) ? null : $"'{memory}' is not a quantity such as 512Mi";

    public static string? Kubeconfig(string path) =>
        Harness.Platform.Files.UserFile.Problem(path) is { } problem ? $"{path} {problem}" : File.Exists(path) ? null : $"no such file: {path}";
}
