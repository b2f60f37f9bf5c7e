namespace Harness.Scenarios;

/// <summary>The ways a cold start can be made, in the order <c>auto</c> tries them; the one used is recorded in results.</summary>
internal static class ColdStartMethods
{
    public const string Auto = "auto";
    /// <summary>POST /system/scale-function with 0 replicas (Harness, OpenFaaS Pro); OpenFaaS CE raises it to 1.</summary>
    public const string Gateway = "gateway-scale-to-zero";
    /// <summary>The function's Deployment scaled to 0 through the Kubernetes API (the target's kubeconfig), then the gateway's scale-from-zero serves the call.</summary>
    public const string Kubernetes = "kubernetes-scale-to-zero";
    /// <summary>A fresh copy of the function deployed, and its first call timed once it is ready: a first request on a new replica, not a scale from zero.</summary>
    public const string FirstCallAfterDeploy = "first-call-after-deploy";

    public static IReadOnlyList<string> All { get; } = [Auto, Gateway, Kubernetes, FirstCallAfterDeploy];

    public static string Describe(string method, string? scaler = null) => method switch
    {
        Gateway => "scaled to zero through the gateway API, then called (the gateway's scale-from-zero)",
        Kubernetes => $"Deployment scaled to 0 through the Kubernetes API ({scaler ?? "the target's kubeconfig"}), pods gone, then called through the gateway's scale-from-zero",
        FirstCallAfterDeploy => "first call after deploy: a fresh copy of the function deployed, its first call timed once it was ready (the replica start is in deploy_ready, not in the call)",
        _ => method,
    };
}
