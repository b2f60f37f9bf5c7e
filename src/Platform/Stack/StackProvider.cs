namespace Harness.Platform.Stack;

/// <summary>The stack's <c>provider</c> section: always <c>openfaas</c>, with an optional gateway URL.</summary>
public sealed record StackProvider(string Name, string? Gateway);
