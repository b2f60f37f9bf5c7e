namespace Harness.Cli;

/// <summary>A usage error found outside Spectre's own checks (exit 2 with its message, as a bad flag).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
