namespace Harness;

/// <summary>One problem in a scenario or target file, printed compiler-style as <c>file:line:col: field: message</c>.</summary>
public sealed record ScenarioDiagnostic(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Field.Length == 0 ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
