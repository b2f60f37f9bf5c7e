namespace Harness.Node.Access;

/// <summary>What a probe command returned; <see cref="TimedOut"/> means it was killed at its deadline.</summary>
internal sealed record NodeCommandResult(int ExitCode, string StdOut, string StdErr, bool TimedOut = false, bool Truncated = false)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
