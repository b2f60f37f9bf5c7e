using YamlDotNet.RepresentationModel;

namespace Harness.Distributed;

/// <summary>
/// Reads a <c>distributed:</c> section (of a scenario file or a target file, for their parsers) with the checks of the
/// flags it mirrors; every problem goes to the reader's diagnostics with its line, column and field.
/// </summary>
internal static class DistributedSectionReader
{
    public const string Field = "distributed";

    private static readonly string[] Keys = ["agents", "runtime", "spread", "cpu", "memory", "image", "namespace", "kubeconfig"];

    /// <summary>The section at <paramref name="node"/> (null: none). Paths (<c>kubeconfig</c>) are taken relative to <paramref name="file"/>'s folder.</summary>
    public static DistributedSection? Read(YamlFieldReader r, YamlNode? node, string file)
    {
        if (node is null)
        {
            return null;
        }

        var before = r.Diagnostics.Count;
        var m = r.Mapping(node, Field, Keys);
        int? agents = null;
        if (r.Integer(m, "agents", Field) is { } count)
        {
            if (DistributedChecks.Agents(count) is { } problem)
            {
                r.Error(m["agents"], "distributed.agents", problem);
            }
            else
            {
                agents = (int)count;
            }
        }

        var runtime = r.String(m, "runtime", Field);
        if (runtime is not null && DistributedChecks.Runtime(runtime) is { } badRuntime)
        {
            r.Error(m["runtime"], "distributed.runtime", badRuntime);
        }

        var cpu = NonEmpty(r, m, "cpu");
        if (cpu is not null && DistributedChecks.Cpu(cpu) is { } badCpu)
        {
            r.Error(m["cpu"], "distributed.cpu", badCpu);
        }

        var memory = NonEmpty(r, m, "memory");
        if (memory is not null && DistributedChecks.Memory(memory) is { } badMemory)
        {
            r.Error(m["memory"], "distributed.memory", badMemory);
        }

        string? kubeconfig = null;
        if (NonEmpty(r, m, "kubeconfig") is { } kc)
        {
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
            kubeconfig = Path.GetFullPath(kc.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), kc[2..])
                : Path.Combine(baseDir, kc));
            if (DistributedChecks.Kubeconfig(kubeconfig) is { } missing)
            {
                r.Error(m["kubeconfig"], "distributed.kubeconfig", missing);
            }
        }

        var section = new DistributedSection
        {
            Agents = agents,
            Runtime = runtime,
            Spread = r.Boolean(m, "spread", Field),
            Cpu = cpu,
            Memory = memory,
            Image = NonEmpty(r, m, "image"),
            Namespace = NonEmpty(r, m, "namespace"),
            Kubeconfig = kubeconfig,
        };

        // As with the flags: the Kubernetes settings of a section are for Kubernetes agents, and the section says so itself,
        // so that a file read alone tells where its agents run (a flag or another file may still choose another runtime).
        if (runtime != DistributedOptions.Kubernetes)
        {
            foreach (var key in new[] { "spread", "cpu", "memory", "image", "namespace", "kubeconfig" }.Where(m.ContainsKey))
            {
                r.Error(m[key], $"distributed.{key}", $"is for Kubernetes agents: add 'runtime: kubernetes' to this section{(runtime is null ? "" : $" (it says runtime: {runtime})")}");
            }
        }

        return r.Diagnostics.Count > before ? null : section;
    }

    private static string? NonEmpty(YamlFieldReader r, Dictionary<string, YamlNode> m, string key)
    {
        var value = r.String(m, key, Field);
        if (value is not null && value.Trim().Length == 0)
        {
            r.Error(m[key], $"distributed.{key}", "expected a non-empty value");
            return null;
        }

        return value?.Trim();
    }
}
