using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Kubernetes;

/// <summary>Options of <c>harness k8s apply</c>.</summary>
internal sealed class K8sApplySettings : K8sManifestsSettings
{
    [CommandOption("--kubeconfig <FILE>")]
    [Description("Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")]
    public string? Kubeconfig { get; init; }
}
