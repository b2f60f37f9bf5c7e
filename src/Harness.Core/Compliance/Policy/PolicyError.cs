namespace Harness.Compliance.Policy;

/// <summary>One problem in a policy file, with where it is and which field it concerns.</summary>
internal sealed record PolicyError(string File, long Line, long Column, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}
