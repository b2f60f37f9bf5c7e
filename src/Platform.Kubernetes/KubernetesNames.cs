namespace Harness.Platform.Kubernetes;

/// <summary>Label, annotation and object names shared by the manifests, the provider and the fake API in tests.</summary>
internal static class KubernetesNames
{
    public const string FunctionLabel = "faas_function";
    /// <summary>Pod label faas-netes changes on every deploy and update, so an unchanged spec still rolls out.</summary>
    public const string RolloutLabel = "uid";
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string RegionLabel = "topology.kubernetes.io/region";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "openfaas";
    public const string PrometheusScrape = "prometheus.io.scrape";
    public const string FunctionProcessEnv = "fprocess";
    public const string HealthPath = "/_/health";
    public const string PortName = "http";
    public const string TempVolume = "temp";
    public const string CoreNamespace = "openfaas";
}
