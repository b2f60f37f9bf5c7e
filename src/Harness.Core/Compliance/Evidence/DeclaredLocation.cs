using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>A location a target file declares for a VPS ("declared, not verified").</summary>
internal sealed record DeclaredLocation(string? Country, string Text, EvidenceItem Evidence);
