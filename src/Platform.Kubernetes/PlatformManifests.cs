using System.Text;
using Harness.Platform.Contracts;
using Harness.Platform.Gateway;
using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>The platform's own objects: namespaces, the gateway, its least-privilege RBAC and the basic-auth Secret.</summary>
internal static class PlatformManifests
{
    public const string GatewayName = "gateway";
    public const string ServiceAccountName = "harness-gateway";
    public const string BasicAuthSecretName = "basic-auth";
    private const string StateDirectory = "/var/harness/state";

    /// <summary>In apply order: namespaces first, then what lives in them.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(PlatformManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var core = KubernetesNames.CoreNamespace;
        var functions = options.Provider.Namespace;
        var appLabels = new Dictionary<string, string> { ["app"] = GatewayName };
        return
        [
            new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = core, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "harness" } } },
            new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = functions, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "harness" } } },
            new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = new V1ObjectMeta { Name = ServiceAccountName, NamespaceProperty = core } },
            Role(functions),
            new V1RoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "RoleBinding",
                Metadata = new V1ObjectMeta { Name = ServiceAccountName, NamespaceProperty = functions },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = ServiceAccountName },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ServiceAccountName, NamespaceProperty = core }],
            },
            new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = "Opaque",
                Metadata = new V1ObjectMeta { Name = BasicAuthSecretName, NamespaceProperty = core },
                Data = new Dictionary<string, byte[]>
                {
                    [BasicAuthCredentials.UserFileName] = Encoding.UTF8.GetBytes(options.BasicAuthUser),
                    [BasicAuthCredentials.PasswordFileName] = Encoding.UTF8.GetBytes(options.BasicAuthPassword),
                },
            },
            Gateway(options, core, appLabels),
            new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = GatewayName, NamespaceProperty = core, Labels = appLabels },
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",
                    Selector = appLabels,
                    Ports = [new V1ServicePort { Name = KubernetesNames.PortName, Protocol = "TCP", Port = PlatformDefaults.GatewayPort, TargetPort = PlatformDefaults.GatewayPort }],
                },
            },
        ];
    }

    /// <summary>Exactly what <see cref="KubernetesProvider"/> calls, in the functions' namespace only.</summary>
    private static V1Role Role(string functions) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = new V1ObjectMeta { Name = ServiceAccountName, NamespaceProperty = functions },
        Rules =
        [
            new V1PolicyRule { ApiGroups = ["apps"], Resources = ["deployments"], Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"] },
            new V1PolicyRule { ApiGroups = ["apps"], Resources = ["deployments/scale"], Verbs = ["get", "update", "patch"] },
            new V1PolicyRule { ApiGroups = [""], Resources = ["services", "secrets"], Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"] },
            new V1PolicyRule { ApiGroups = ["discovery.k8s.io"], Resources = ["endpointslices"], Verbs = ["get", "list", "watch"] },
            new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get", "list", "watch"] },
            new V1PolicyRule { ApiGroups = [""], Resources = ["pods/log"], Verbs = ["get"] },
        ],
    };

    private static V1Deployment Gateway(PlatformManifestOptions options, string core, Dictionary<string, string> appLabels)
    {
        var args = new List<string> { "platform", "up", "--provider", "kubernetes", "--in-cluster", "--bind", "0.0.0.0", "--port", "8080", "--state", StateDirectory, "--namespace", options.Provider.Namespace };
        foreach (var region in options.Provider.AllowedRegions)
        {
            args.AddRange(["--allowed-region", region]);
        }

        foreach (var secret in options.Provider.ImagePullSecrets)
        {
            args.AddRange(["--image-pull-secret", secret]);
        }

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = GatewayName, NamespaceProperty = core, Labels = appLabels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = appLabels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = appLabels },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ServiceAccountName,
                        EnableServiceLinks = false,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = GatewayName,
                                Image = options.GatewayImage,
                                ImagePullPolicy = options.Provider.ImagePullPolicy,
                                Args = args,
                                Ports = [new V1ContainerPort { Name = KubernetesNames.PortName, ContainerPort = PlatformDefaults.GatewayPort, Protocol = "TCP" }],
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = PlatformDefaults.GatewayPort }, PeriodSeconds = 5 },
                                SecurityContext = new V1SecurityContext
                                {
                                    ReadOnlyRootFilesystem = true,
                                    RunAsNonRoot = true,
                                    RunAsUser = options.Provider.RunAsUser,
                                    AllowPrivilegeEscalation = false,
                                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                                },
                                // The gateway reads its credentials from the state directory; the Secret supplies both files.
                                VolumeMounts = [new V1VolumeMount { Name = "auth", MountPath = StateDirectory, ReadOnlyProperty = true }],
                            },
                        ],
                        Volumes = [new V1Volume { Name = "auth", Secret = new V1SecretVolumeSource { SecretName = BasicAuthSecretName } }],
                    },
                },
            },
        };
    }
}
