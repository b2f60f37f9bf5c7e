using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>The Kubernetes objects of one function.</summary>
internal sealed record FunctionManifest(V1Deployment Deployment, V1Service Service);
