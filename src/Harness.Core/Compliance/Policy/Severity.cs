namespace Harness.Compliance.Policy;

/// <summary>How much a failed check matters; the policy's threshold decides which ones fail the run.</summary>
internal enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
