using Microsoft.Extensions.Logging;

namespace Harness.Platform;

/// <summary>What a provider factory gets from the embedded platform.</summary>
/// <param name="StateDirectory">The platform's state folder (full path), already locked; a provider may keep its own state in it.</param>
/// <param name="LoggerFactory">The platform's logging; owned by the platform, which disposes it after the provider.</param>
/// <param name="Time">The platform's clock (<see cref="EmbeddedPlatformOptions.Time"/>).</param>
public sealed record EmbeddedPlatformContext(string StateDirectory, ILoggerFactory LoggerFactory, TimeProvider Time)
{
    /// <summary>Artifact versions the local provider keeps per image besides those in use (<see cref="Local.LocalProviderOptions.ArtifactVersionsToKeep"/>).</summary>
    public int ArtifactVersionsToKeep { get; init; } = 3;

    /// <summary>Platform-wide <c>template_compat</c> for the local provider (<see cref="Local.LocalProviderOptions.TemplateCompat"/>).</summary>
    public string? TemplateCompat { get; init; }

    /// <summary>See <see cref="EmbeddedPlatformOptions.InsecureNoSandbox"/>.</summary>
    public bool InsecureNoSandbox { get; init; }

    /// <summary>See <see cref="EmbeddedPlatformOptions.ConfigureLocalProvider"/>.</summary>
    public Func<Local.LocalProviderOptions, Local.LocalProviderOptions>? ConfigureLocalProvider { get; init; }
}
