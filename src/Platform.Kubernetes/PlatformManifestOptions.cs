namespace Harness.Platform.Kubernetes;

/// <summary>What the platform's own objects (gateway, RBAC, basic auth) are made from.</summary>
public sealed record PlatformManifestOptions
{
    /// <summary>An image that contains the <c>harness</c> CLI; users build it themselves (there is no public one).</summary>
    public string GatewayImage { get; init; } = "harness:latest";

    /// <summary>The gateway's basic-auth user, stored in the <c>basic-auth</c> Secret.</summary>
    public string BasicAuthUser { get; init; } = "admin";

    /// <summary>The gateway's basic-auth password; the CLI generates one when not given.</summary>
    public required string BasicAuthPassword { get; init; }

    /// <summary>The provider settings the gateway is started with (its functions' namespace, regions, pull secrets), passed on as arguments.</summary>
    public KubernetesProviderOptions Provider { get; init; } = new();
}
