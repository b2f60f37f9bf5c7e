using System.Globalization;
using Harness.Platform.Contracts;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>Pure translation of a function deployment into a Deployment and a Service, following faas-netes.</summary>
public static class FunctionManifests
{
    /// <summary>Collects every reason the deployment cannot be turned into manifests.</summary>
    public static IReadOnlyList<string> Validate(FunctionDeployment deployment, KubernetesProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(deployment.Service))
        {
            errors.Add("service (the function name) is required");
        }
        else if (KubernetesValidation.Dns1035Label(deployment.Service) is { } nameProblem)
        {
            errors.Add($"service '{deployment.Service}': {nameProblem} (it names the Kubernetes Service)");
        }
        else if (deployment.Secrets is { Count: > 0 } && KubernetesValidation.Dns1123(SecretsVolume(deployment.Service)) is { } volumeProblem)
        {
            errors.Add($"service '{deployment.Service}' is too long for a function with secrets: the volume name '{SecretsVolume(deployment.Service)}' {volumeProblem}");
        }

        if (string.IsNullOrWhiteSpace(deployment.Image))
        {
            errors.Add("image is required");
        }

        if (deployment.Namespace is { Length: > 0 } ns && ns != options.Namespace)
        {
            errors.Add($"namespace must be: {options.Namespace}");
        }

        Resources(deployment.Limits, "limits", errors);
        Resources(deployment.Requests, "requests", errors);
        foreach (var constraint in deployment.Constraints ?? [])
        {
            if (!TryConstraint(constraint, out var key, out var value))
            {
                errors.Add($"constraint '{constraint}' is not key=value (only equality constraints map to a nodeSelector)");
            }
            else if (KubernetesValidation.QualifiedName(key) is { } keyProblem)
            {
                errors.Add($"constraint '{constraint}': key {keyProblem}");
            }
            else if (KubernetesValidation.LabelValue(value) is { } valueProblem)
            {
                errors.Add($"constraint '{constraint}': value {valueProblem}");
            }
        }

        foreach (var (key, value) in deployment.Labels ?? new Dictionary<string, string>())
        {
            if (KubernetesValidation.QualifiedName(key) is { } keyProblem)
            {
                errors.Add($"label '{key}': key {keyProblem}");
            }

            if (KubernetesValidation.LabelValue(value) is { } valueProblem)
            {
                errors.Add($"label '{key}': value '{value}': {valueProblem}");
            }
        }

        foreach (var key in (deployment.Annotations ?? new Dictionary<string, string>()).Keys)
        {
            if (KubernetesValidation.QualifiedName(key) is { } keyProblem)
            {
                errors.Add($"annotation '{key}': key {keyProblem}");
            }
        }

        foreach (var key in (deployment.EnvVars ?? new Dictionary<string, string>()).Keys)
        {
            if (KubernetesValidation.EnvVarName(key) is { } envProblem)
            {
                errors.Add($"env var '{key}': {envProblem}");
            }
        }

        foreach (var secret in deployment.Secrets ?? [])
        {
            if (SecretName.Problem(secret) is { } secretProblem)
            {
                errors.Add("secrets: " + secretProblem);
            }
        }

        RequestsWithinLimits(deployment, errors);

        if (ScaleMinRaw(deployment) is { } raw && !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add($"label {PlatformDefaults.ScaleMinLabel} '{raw}' is not a whole number");
        }

        return errors;
    }

    /// <summary>Builds the objects; call <see cref="Validate"/> first (invalid input throws <see cref="ArgumentException"/>).</summary>
    /// <param name="rolloutUid">
    /// When set, the pod label <c>uid</c>: faas-netes changes it on every deploy and update so that a redeploy with an
    /// unchanged spec still rolls the pods (and pulls a re-pushed tag). Null for declarative output, which must not roll on every apply.
    /// </param>
    /// <param name="registrySecrets">
    /// Secrets of the function known to be registry credentials (type dockerconfigjson/dockercfg): they become
    /// <c>imagePullSecrets</c> instead of files, as in faas-netes. The provider's own <see cref="KubernetesProviderOptions.ImagePullSecrets"/> count too.
    /// </param>
    /// <param name="secretKeys">
    /// The data keys of each secret (read from the cluster): as in faas-netes every key is projected as a file of that
    /// name, so a secret made with kubectl under another key still mounts. A secret missing here is projected under its own name.
    /// </param>
    internal static FunctionManifest Build(FunctionDeployment deployment, KubernetesProviderOptions options, string? rolloutUid = null, IReadOnlyCollection<string>? registrySecrets = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? secretKeys = null)
    {
        var errors = Validate(deployment, options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(deployment));
        }

        var name = deployment.Service;
        var ns = options.Namespace;
        var annotations = Annotations(deployment);
        var podLabels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in deployment.Labels ?? new Dictionary<string, string>())
        {
            podLabels[key] = value;
        }

        podLabels[KubernetesNames.FunctionLabel] = name;
        if (rolloutUid is not null)
        {
            podLabels[KubernetesNames.RolloutLabel] = rolloutUid;
        }

        var selector = new Dictionary<string, string> { [KubernetesNames.FunctionLabel] = name };

        var readOnly = ReadOnly(deployment);
        var container = new V1Container
        {
            Name = name,
            Image = deployment.Image,
            ImagePullPolicy = options.ImagePullPolicy,
            Ports = [new V1ContainerPort { Name = KubernetesNames.PortName, ContainerPort = PlatformDefaults.GatewayPort, Protocol = "TCP" }],
            Env = Environment(deployment),
            Resources = ResourceRequirements(deployment),
            ReadinessProbe = Probe(),
            LivenessProbe = Probe(),
            SecurityContext = new V1SecurityContext
            {
                ReadOnlyRootFilesystem = readOnly,
                RunAsNonRoot = true,
                RunAsUser = options.RunAsUser,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
            VolumeMounts = [],
        };
        var volumes = new List<V1Volume>();
        var allSecrets = (deployment.Secrets ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pullSecrets = options.ImagePullSecrets
            .Concat(allSecrets.Where(s => options.ImagePullSecrets.Contains(s, StringComparer.Ordinal) || registrySecrets?.Contains(s, StringComparer.Ordinal) == true))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var secrets = allSecrets.Where(s => !pullSecrets.Contains(s, StringComparer.Ordinal)).ToList();
        if (secrets.Count > 0)
        {
            var volume = SecretsVolume(name);
            volumes.Add(new V1Volume
            {
                Name = volume,
                Projected = new V1ProjectedVolumeSource
                {
                    Sources = secrets.Select(s => new V1VolumeProjection
                    {
                        Secret = new V1SecretProjection { Name = s, Items = Keys(s, secretKeys).Select(k => new V1KeyToPath { Key = k, Path = k }).ToList() },
                    }).ToList(),
                },
            });
            container.VolumeMounts.Add(new V1VolumeMount { Name = volume, MountPath = PlatformDefaults.SecretMountPath, ReadOnlyProperty = true });
        }

        if (readOnly)
        {
            // A read-only root still needs somewhere to write: the watchdog's lock file and the function's scratch space.
            volumes.Add(new V1Volume { Name = KubernetesNames.TempVolume, EmptyDir = new V1EmptyDirVolumeSource() });
            container.VolumeMounts.Add(new V1VolumeMount { Name = KubernetesNames.TempVolume, MountPath = "/tmp" });
        }

        if (container.VolumeMounts.Count == 0)
        {
            container.VolumeMounts = null;
        }

        var pod = new V1PodSpec
        {
            Containers = [container],
            Volumes = volumes.Count > 0 ? volumes : null,
            RestartPolicy = "Always",
            DnsPolicy = "ClusterFirst",
            EnableServiceLinks = false,
            NodeSelector = NodeSelector(deployment),
            Affinity = Affinity(options),
            ImagePullSecrets = pullSecrets.Count > 0 ? pullSecrets.Select(s => new V1LocalObjectReference { Name = s }).ToList() : null,
        };

        var deploymentObject = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [KubernetesNames.FunctionLabel] = name },
                Annotations = annotations,
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = InitialReplicas(deployment),
                Selector = new V1LabelSelector { MatchLabels = selector },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                RevisionHistoryLimit = 10,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(podLabels), Annotations = annotations },
                    Spec = pod,
                },
            },
        };

        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [KubernetesNames.FunctionLabel] = name },
                Annotations = annotations,
            },
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = selector,
                Ports = [new V1ServicePort { Name = KubernetesNames.PortName, Protocol = "TCP", Port = PlatformDefaults.GatewayPort, TargetPort = PlatformDefaults.GatewayPort }],
            },
        };

        return new FunctionManifest(deploymentObject, service);
    }

    private static string SecretsVolume(string name) => $"{name}-projected-secrets";

    private static IEnumerable<string> Keys(string secret, IReadOnlyDictionary<string, IReadOnlyList<string>>? secretKeys) =>
        secretKeys?.TryGetValue(secret, out var keys) == true && keys.Count > 0 ? keys.Order(StringComparer.Ordinal) : [secret];

    /// <summary>The API refuses a request above its limit (<c>must be less than or equal to ... limit</c>).</summary>
    private static void RequestsWithinLimits(FunctionDeployment deployment, List<string> errors)
    {
        if (deployment.Requests is not { } requests || deployment.Limits is not { } limits)
        {
            return;
        }

        if (requests.Memory is { Length: > 0 } rm && limits.Memory is { Length: > 0 } lm
            && KubernetesQuantities.Memory(rm) is { } rq && KubernetesQuantities.Memory(lm) is { } lq
            && Stack.ResourceQuantity.TryParseMemoryBytes(rq, out var requested) && Stack.ResourceQuantity.TryParseMemoryBytes(lq, out var limit) && requested > limit)
        {
            errors.Add($"requests.memory '{rm}' must be less than or equal to limits.memory '{lm}'");
        }

        if (requests.Cpu is { Length: > 0 } rc && limits.Cpu is { Length: > 0 } lc
            && Stack.ResourceQuantity.TryParseMilliCpu(rc.Trim(), out var requestedCpu) && Stack.ResourceQuantity.TryParseMilliCpu(lc.Trim(), out var limitCpu) && requestedCpu > limitCpu)
        {
            errors.Add($"requests.cpu '{rc}' must be less than or equal to limits.cpu '{lc}'");
        }
    }

    /// <summary>Replicas from <c>com.openfaas.scale.min</c> when above zero, else 1 (faas-netes).</summary>
    internal static int InitialReplicas(FunctionDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return ScaleMinRaw(deployment) is { } raw && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var min) && min > 0 ? min : 1;
    }

    /// <summary>The request field, or the annotation our stack files and the local provider also honour.</summary>
    internal static bool ReadOnly(FunctionDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.ReadOnlyRootFilesystem
            || (deployment.Annotations?.TryGetValue(PlatformDefaults.ReadOnlyAnnotation, out var v) == true && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));
    }

    internal static bool TryConstraint(string constraint, out string key, out string value)
    {
        key = value = "";
        var parts = constraint.Split('=');
        if (parts.Length != 2)
        {
            return false;
        }

        key = parts[0].Trim();
        value = parts[1].Trim();
        return key.Length > 0;
    }

    private static string? ScaleMinRaw(FunctionDeployment deployment) =>
        deployment.Labels?.TryGetValue(PlatformDefaults.ScaleMinLabel, out var label) == true ? label.Trim()
        : deployment.Annotations?.TryGetValue(PlatformDefaults.ScaleMinLabel, out var annotation) == true ? annotation.Trim()
        : null;

    private static Dictionary<string, string> Annotations(FunctionDeployment deployment)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in deployment.Annotations ?? new Dictionary<string, string>())
        {
            annotations[key] = value;
        }

        annotations.TryAdd(KubernetesNames.PrometheusScrape, "false");
        return new Dictionary<string, string>(annotations);
    }

    private static List<V1EnvVar>? Environment(FunctionDeployment deployment)
    {
        var env = new List<V1EnvVar>();
        if (deployment.EnvProcess is { Length: > 0 } process)
        {
            env.Add(new V1EnvVar { Name = KubernetesNames.FunctionProcessEnv, Value = process });
        }

        foreach (var (key, value) in (deployment.EnvVars ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key == KubernetesNames.FunctionProcessEnv && deployment.EnvProcess is { Length: > 0 })
            {
                continue;
            }

            env.Add(new V1EnvVar { Name = key, Value = value });
        }

        return env.Count > 0 ? env : null;
    }

    private static V1ResourceRequirements? ResourceRequirements(FunctionDeployment deployment)
    {
        var limits = Quantities(deployment.Limits);
        var requests = Quantities(deployment.Requests);
        return limits is null && requests is null ? null : new V1ResourceRequirements { Limits = limits, Requests = requests };
    }

    private static Dictionary<string, ResourceQuantity>? Quantities(FunctionResources? resources)
    {
        if (resources is null)
        {
            return null;
        }

        var result = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (resources.Cpu is { Length: > 0 } cpu)
        {
            result["cpu"] = new ResourceQuantity(KubernetesQuantities.Cpu(cpu));
        }

        if (resources.Memory is { Length: > 0 } memory)
        {
            result["memory"] = new ResourceQuantity(KubernetesQuantities.Memory(memory));
        }

        return result.Count > 0 ? result : null;
    }

    private static void Resources(FunctionResources? resources, string field, List<string> errors)
    {
        if (resources is null)
        {
            return;
        }

        if (resources.Memory is { Length: > 0 } m && KubernetesQuantities.Memory(m) is null)
        {
            errors.Add($"{field}.memory '{m}' is not a quantity (e.g. 128Mi, 1Gi)");
        }

        if (resources.Cpu is { Length: > 0 } c && KubernetesQuantities.Cpu(c) is null)
        {
            errors.Add($"{field}.cpu '{c}' is not a quantity (e.g. 500m, 0.5, 1)");
        }
    }

    private static V1Probe Probe() => new()
    {
        HttpGet = new V1HTTPGetAction { Path = KubernetesNames.HealthPath, Port = PlatformDefaults.GatewayPort, Scheme = "HTTP" },
        InitialDelaySeconds = 2,
        TimeoutSeconds = 1,
        PeriodSeconds = 2,
        SuccessThreshold = 1,
        FailureThreshold = 3,
    };

    private static Dictionary<string, string>? NodeSelector(FunctionDeployment deployment)
    {
        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var constraint in deployment.Constraints ?? [])
        {
            if (TryConstraint(constraint, out var key, out var value))
            {
                selector[key] = value;
            }
        }

        return selector.Count > 0 ? new Dictionary<string, string>(selector) : null;
    }

    private static V1Affinity? Affinity(KubernetesProviderOptions options)
    {
        if (options.AllowedRegions.Count == 0)
        {
            return null;
        }
        // Required, not preferred: a function must not be scheduled outside the allowed regions even when they are full.
        return new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions = [new V1NodeSelectorRequirement { Key = KubernetesNames.RegionLabel, OperatorProperty = "In", Values = options.AllowedRegions.ToList() }],
                        },
                    ],
                },
            },
        };
    }
}
