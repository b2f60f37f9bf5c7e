namespace Harness.Platform.Stack;

/// <summary>Whether a stack file diagnostic stops the stack from being used.</summary>
public enum StackSeverity
{
    Warning,
    Error,
}
