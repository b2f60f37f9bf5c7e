namespace Harness.Compliance.Nginx;

/// <summary>A word (quoted or bare), ';', '{' or '}', with its position.</summary>
internal readonly record struct NginxToken(NginxTokenKind Kind, string Text, int Line, int Column);
