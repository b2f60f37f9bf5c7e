namespace Harness.Watchdog.Isolation;

/// <summary>
/// The isolation a supervisor asks for in <c>HARNESS_ISOLATION</c>: one step a line, the operation and its arguments
/// separated by tabs (paths may hold spaces, never tabs or newlines). The local provider writes it; the watchdog applies
/// it before anything else, so the function it starts later is inside every limit.
/// </summary>
internal static class IsolationSpec
{
    public const string Variable = "HARNESS_ISOLATION";

    /// <summary>The exit code of a replica that could not get the isolation it was asked for.</summary>
    public const int IsolationError = 3;

    /// <summary>Parses the whole spec, collecting every bad line.</summary>
    public static (IReadOnlyList<IsolationStep> Steps, IReadOnlyList<string> Errors) Parse(string text)
    {
        var steps = new List<IsolationStep>();
        var errors = new List<string>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            if (!IsolationStep.Arity.TryGetValue(parts[0], out var arity))
            {
                errors.Add($"{Variable} line {lineNumber}: unknown operation '{parts[0]}'");
            }
            else if (parts.Length - 1 != arity)
            {
                errors.Add($"{Variable} line {lineNumber}: '{parts[0]}' takes {arity} argument(s), got {parts.Length - 1}");
            }
            else if (parts.Skip(1).Any(p => p.Length == 0))
            {
                errors.Add($"{Variable} line {lineNumber}: '{parts[0]}' has an empty argument");
            }
            else
            {
                steps.Add(new IsolationStep(parts[0], parts[1..]));
            }
        }

        return (steps, errors);
    }
}
