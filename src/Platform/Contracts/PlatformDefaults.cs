namespace Harness.Platform.Contracts;

/// <summary>OpenFaaS defaults that every part of the platform agrees on.</summary>
public static class PlatformDefaults
{
    public const string FunctionNamespace = "openfaas-fn";
    public const int GatewayPort = 8080;
    public const string SecretMountPath = "/var/openfaas/secrets";
    public const string ScaleMinLabel = "com.openfaas.scale.min";
    public const string ScaleMaxLabel = "com.openfaas.scale.max";
    public const string ScaleTargetLabel = "com.openfaas.scale.target";
    public const string ScaleTypeLabel = "com.openfaas.scale.type";
    public const string ScaleZeroLabel = "com.openfaas.scale.zero";
    public const string ScaleZeroDurationLabel = "com.openfaas.scale.zero-duration";
    public const string ReadOnlyAnnotation = "com.openfaas.security.readonly";
}
