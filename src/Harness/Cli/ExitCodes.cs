namespace Harness.Cli;

/// <summary>The exit codes every command shares (beside 0: success and 1: a failed check, run or comparison).</summary>
internal static class ExitCodes
{
    /// <summary>Usage and input errors (bad flags, bad stack, scenario or policy files).</summary>
    public const int UsageError = 2;
}
