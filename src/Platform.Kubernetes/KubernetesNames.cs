namespace Harness.Platform.Kubernetes;

/// <summary>Label, annotation and object names shared by the manifests, the provider and the fake API in tests.</summary>
public static class KubernetesNames
{
    public const string FunctionLabel = "faas_function";
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
