namespace Harness.Runs;

/// <summary>What <c>harness run</c> was asked to run, before any file is read.</summary>
internal sealed record RunSetupOptions
{
    /// <summary>Scenario files as given; none means the profile's suite under scenarios/.</summary>
    public IReadOnlyList<string> ScenarioFiles { get; init; } = [];

    public string Profile { get; init; } = "default";

    public string? TargetFile { get; init; }

    /// <summary>Replaces the target file's <c>policy:</c>.</summary>
    public string? Policy { get; init; }

    /// <summary>Where results.json and the rest will be written; checked up front (null: not checked).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The history database the run records in (null: none, <c>--no-history</c>); checked up front.</summary>
    public string? HistoryFile { get; init; }

    /// <summary><c>--baseline</c>: the named baseline must exist in <see cref="HistoryFile"/> before the run starts.</summary>
    public string? Baseline { get; init; }

    /// <summary>The <c>--agents</c>/<c>--agent-*</c> flags; they override the scenario files' and the target file's <c>distributed:</c> sections.</summary>
    public Distributed.DistributedSection? Distributed { get; init; }
}
