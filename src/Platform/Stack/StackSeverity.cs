namespace Harness.Platform.Stack;

/// <summary>Whether a stack file diagnostic stops the stack from being used.</summary>
public enum StackSeverity
{
    /// <summary>Reported; the stack is still used.</summary>
    Warning,

    /// <summary>The stack is not used (<see cref="StackParseResult.Stack"/> is null).</summary>
    Error,
}
