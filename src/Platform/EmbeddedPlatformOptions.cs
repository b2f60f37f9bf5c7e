using Harness.Platform.Contracts;
using Harness.Platform.Gateway;
using Microsoft.Extensions.Logging;

namespace Harness.Platform;

/// <summary>How to start the embedded platform: where it listens, where it keeps its state, and which provider runs the functions.</summary>
public sealed record EmbeddedPlatformOptions
{
    /// <summary>TCP port; 0 picks a free one (see <see cref="EmbeddedPlatform.Url"/>).</summary>
    public int Port { get; init; } = PlatformDefaults.GatewayPort;

    /// <summary>Address to listen on; loopback unless the user asks otherwise.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>Credentials, deployed functions and secrets live here.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The gateway's own settings (timeouts, limits, scaling, async queue).</summary>
    public GatewayOptions Gateway { get; init; } = new();

    /// <summary>Builds and starts the provider; null uses the local process provider. The platform disposes it on stop.</summary>
    public Func<EmbeddedPlatformContext, CancellationToken, ValueTask<IFunctionProvider>>? ProviderFactory { get; init; }

    /// <summary>Logging setup; null logs nothing.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The clock of the gateway and the default provider; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Artifact versions the local provider keeps per image besides those in use; older ones are removed on push and deploy.</summary>
    public int ArtifactVersionsToKeep { get; init; } = 3;

    /// <summary>Platform-wide <c>template_compat</c> (<see cref="Local.LocalProviderOptions.TemplateCompat"/>), null for Harness's own mapping.</summary>
    public string? TemplateCompat { get; init; }

    /// <summary>
    /// The local provider starts functions even where it cannot sandbox them (not root): every function then runs as the
    /// platform's own user. Off by default: without the sandbox, and without this, functions are refused.
    /// </summary>
    public bool InsecureNoSandbox { get; init; }

    /// <summary>Adjusts the default local provider's options (benchmarks compare sandbox variants with it); null keeps them.</summary>
    public Func<Local.LocalProviderOptions, Local.LocalProviderOptions>? ConfigureLocalProvider { get; init; }

    /// <summary>Collects every problem with these options.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add($"port {Port} is not between 0 and 65535");
        }

        if (!System.Net.IPAddress.TryParse(Bind, out _))
        {
            errors.Add($"bind address '{Bind}' is not an IP address");
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            errors.Add("state directory is required");
        }

        if (ArtifactVersionsToKeep < 1)
        {
            errors.Add($"artifact versions to keep ({ArtifactVersionsToKeep}) must be at least 1");
        }

        errors.AddRange(Gateway.Validate());
        return errors;
    }
}
