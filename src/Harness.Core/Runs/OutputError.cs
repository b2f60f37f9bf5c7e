namespace Harness.Runs;

/// <summary>An output of the run that could not be written: the file and why (for example "No space left on device").</summary>
internal sealed record OutputError(string File, string Reason)
{
    public override string ToString() => $"could not write {File}: {Reason}";
}
