namespace Harness.Platform.Stack;

/// <summary>A 1-based line and column in a source file.</summary>
/// <param name="Line">The line, from 1; 0 when a diagnostic is about the whole file.</param>
/// <param name="Column">The column, from 1.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary><c>line:column</c>, as compilers print it.</summary>
    public override string ToString() => $"{Line}:{Column}";
}
