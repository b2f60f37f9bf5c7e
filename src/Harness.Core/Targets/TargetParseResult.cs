using Harness.Platform.Contracts;
using Harness.Scenarios;

namespace Harness.Targets;

/// <summary>A target, or every problem with its file.</summary>
internal sealed record TargetParseResult(TargetDefinition? Target, IReadOnlyList<Diagnostic> Diagnostics);
