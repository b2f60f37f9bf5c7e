namespace Harness.Platform.Contracts;

/// <summary>OpenFaaS defaults that every part of the platform agrees on.</summary>
public static class PlatformDefaults
{
    /// <summary>The namespace a function lands in when none is given (as faas-netes).</summary>
    public const string FunctionNamespace = "openfaas-fn";
    /// <summary>The TCP port of the gateway, and of a function's watchdog inside its Kubernetes pod.</summary>
    public const int GatewayPort = 8080;
    /// <summary>The folder a function reads its secrets from, one file per secret.</summary>
    public const string SecretMountPath = "/var/openfaas/secrets";
    /// <summary>Label: the least replicas the function keeps while it is not scaled to zero (default 1).</summary>
    public const string ScaleMinLabel = "com.openfaas.scale.min";
    /// <summary>Label: the most replicas the autoscaler sets.</summary>
    public const string ScaleMaxLabel = "com.openfaas.scale.max";
    /// <summary>Label: the load per replica the autoscaler aims at, in the unit of <see cref="ScaleTypeLabel"/>.</summary>
    public const string ScaleTargetLabel = "com.openfaas.scale.target";
    /// <summary>Label: what the autoscaler measures (<c>rps</c>, <c>capacity</c> or <c>queue</c>; default <c>rps</c>).</summary>
    public const string ScaleTypeLabel = "com.openfaas.scale.type";
    /// <summary>Label: <c>true</c> lets an idle function scale to zero (default false).</summary>
    public const string ScaleZeroLabel = "com.openfaas.scale.zero";
    /// <summary>Label: how long a function must be idle before it scales to zero (a Go duration or bare seconds; default <c>15m</c>).</summary>
    public const string ScaleZeroDurationLabel = "com.openfaas.scale.zero-duration";
    /// <summary>Annotation: <c>true</c> mounts the function's root filesystem read-only, like <see cref="FunctionDeployment.ReadOnlyRootFilesystem"/>.</summary>
    public const string ReadOnlyAnnotation = "com.openfaas.security.readonly";
}
