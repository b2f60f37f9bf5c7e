namespace Harness.Results;

/// <summary>How a scenario's load was spread over agents (<c>harness run --agents N</c>): who ran which share, what each achieved, and how far apart they started.</summary>
public sealed record DistributedRun
{
    /// <summary>How many agents the run asked for.</summary>
    public required int Agents { get; init; }
    /// <summary>Where they ran: <c>local</c> (processes on the coordinator's machine) or <c>kubernetes</c> (the pods of an Indexed Job).</summary>
    public required string Runtime { get; init; }
    /// <summary>Latest minus earliest actual start of the agents' plans, in ms (clocks of one machine, or of NTP-synchronised nodes).</summary>
    public double? StartSkewMs { get; init; }
    /// <summary>The start barrier every agent was released at (UTC).</summary>
    public DateTimeOffset? ReleasedAt { get; init; }
    /// <summary>One entry per agent, by index.</summary>
    public IReadOnlyList<AgentShare> Shares { get; init; } = [];
}
