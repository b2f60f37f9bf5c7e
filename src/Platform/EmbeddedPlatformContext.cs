using Microsoft.Extensions.Logging;

namespace Harness.Platform;

/// <summary>What a provider factory gets from the embedded platform.</summary>
public sealed record EmbeddedPlatformContext(string StateDirectory, ILoggerFactory LoggerFactory, TimeProvider Time);
