namespace Harness.Platform.Templates;

/// <summary>How a build-time tool ended: its exit code (-1 when it overran and was killed) and what it printed.</summary>
internal sealed record BuildToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
