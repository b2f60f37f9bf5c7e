using Harness.Compliance.Jurisdiction;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>What was seen about one function, in a stack file or on a running gateway, each fact with its evidence.</summary>
internal sealed record FunctionFacts
{
    public required string Name { get; init; }
    /// <summary>Where the function is defined: "stack.yml:6:3" or "GET http://gw/system/functions".</summary>
    public required string Location { get; init; }
    public required string Image { get; init; }
    public required ImageReference ImageReference { get; init; }
    public required HostVerdict Registry { get; init; }
    public required EvidenceItem ImageEvidence { get; init; }
    public string? MemoryLimit { get; init; }
    public required EvidenceItem MemoryEvidence { get; init; }
    public bool ReadOnlyRootFilesystem { get; init; }
    public required EvidenceItem ReadOnlyEvidence { get; init; }
    /// <summary>The value of the <c>com.openfaas.security.readonly</c> annotation or label, when present.</summary>
    public string? ReadOnlyAnnotation { get; init; }
    public EvidenceItem? ReadOnlyAnnotationEvidence { get; init; }
    /// <summary>Null when exec_timeout is not set; zero means explicitly disabled.</summary>
    public TimeSpan? ExecTimeout { get; init; }
    public string? ExecTimeoutText { get; init; }
    public required EvidenceItem ExecTimeoutEvidence { get; init; }
    /// <summary>write_timeout from the environment; null when not set (or not a valid positive duration).</summary>
    public TimeSpan? WriteTimeout { get; init; }
    /// <summary>The environment's <c>mode</c> (of-watchdog and Harness's watchdog), when set.</summary>
    public string? Mode { get; init; }
    /// <summary>The stack's <c>lang</c> (template), when known: it says which upstream watchdog a function gets.</summary>
    public string? Lang { get; init; }
    /// <summary>True when a Harness gateway runs the function (so Harness's watchdog, whatever the template).</summary>
    public bool RunsOnHarness { get; init; }
    public IReadOnlyList<string> Secrets { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    /// <summary>Secrets, labels and annotations as recorded, for the report.</summary>
    public IReadOnlyList<EvidenceItem> MetadataEvidence { get; init; } = [];
}
