using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// The objects of a distributed run on Kubernetes: a ServiceAccount with no API access and no mounted token (the
/// agents need none: the coordinator reaches them through the API server's pod proxy), and an Indexed Job, created
/// suspended, whose pods run <c>harness agent</c>, labelled with the run's id for cleanup.
/// </summary>
internal static class AgentJobManifests
{
    public const string RunLabel = "harness.run/id";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string ManagedBy = "harness";

    public static string JobName(string runId) => "harness-agents-" + RunLabelValue(runId);

    public static IReadOnlyList<k8s.IKubernetesObject<V1ObjectMeta>> Build(AgentJobOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var name = JobName(o.RunId);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KubernetesNames.ManagedByLabel] = ManagedBy,
            [ComponentLabel] = "agent",
            [RunLabel] = RunLabelValue(o.RunId),
        };
        var account = new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = o.Namespace, Labels = labels },
            AutomountServiceAccountToken = false,
        };
        var resources = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (o.Cpu is { } cpu)
        {
            resources["cpu"] = new ResourceQuantity(cpu);
        }

        if (o.Memory is { } memory)
        {
            resources["memory"] = new ResourceQuantity(memory);
        }

        var container = new V1Container
        {
            Name = "agent",
            Image = o.Image,
            Args = ["agent", "--listen", $"http://0.0.0.0:{o.Port}", "--idle-timeout", "60"],
            Ports = [new V1ContainerPort { Name = "agent", ContainerPort = o.Port, Protocol = "TCP" }],
            Env =
            [
                new V1EnvVar
                {
                    Name = "HARNESS_AGENT_TOKEN",
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = o.TokenSecret, Key = "token" } },
                },
            ],
            // Requests equal to limits: Guaranteed QoS, so a neighbour's burst does not throttle the load generator.
            Resources = resources.Count == 0 ? null : new V1ResourceRequirements { Requests = resources, Limits = resources },
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = o.Port }, PeriodSeconds = 1 },
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
        };
        var pod = new V1PodSpec
        {
            ServiceAccountName = name,
            AutomountServiceAccountToken = false,
            RestartPolicy = "Never",
            Containers = [container],
            TopologySpreadConstraints = o.Spread
                ?
                [
                    new V1TopologySpreadConstraint
                    {
                        MaxSkew = 1,
                        TopologyKey = "kubernetes.io/hostname",
                        WhenUnsatisfiable = "DoNotSchedule",
                        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(StringComparer.Ordinal) { [RunLabel] = RunLabelValue(o.RunId) } },
                    },
                ]
                : null,
        };
        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = o.Namespace, Labels = labels },
            Spec = new V1JobSpec
            {
                CompletionMode = "Indexed",
                Completions = o.Agents,
                Parallelism = o.Agents,
                // An agent that fails is a fault of the run, never retried: a retry would rerun its segment out of step.
                BackoffLimit = 0,
                ActiveDeadlineSeconds = o.DeadlineSeconds,
                TtlSecondsAfterFinished = o.TtlSeconds,
                // Created suspended: no pod starts before its Secret and ServiceAccount exist, owned by this Job (AgentJobClient).
                Suspend = true,
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod },
            },
        };
        return [account, job];
    }

    /// <summary>A DNS-label form of the run id (lowercase alphanumerics and dashes, at most 40 characters).</summary>
    internal static string RunLabelValue(string runId)
    {
        var s = new string([.. runId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return s.Length <= 40 ? s : s[^40..].TrimStart('-');
    }
}
