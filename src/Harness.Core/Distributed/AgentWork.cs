using Harness.Load;

namespace Harness.Distributed;

/// <summary>What the coordinator asks one agent to run: the request, the load (as the profile left it) and the agent's execution segment.</summary>
internal sealed record AgentWork
{
    /// <summary>The coordinator's harness version; an agent of another version refuses the work (the plan and the snapshot format must match).</summary>
    public required string HarnessVersion { get; init; }
    public required string Scenario { get; init; }
    public required HttpRequestSpec Request { get; init; }
    public required LoadOptions Load { get; init; }
    public ConnectionPolicy Connections { get; init; } = ConnectionPolicy.Default;
    public bool VerifyTls { get; init; } = true;
    /// <summary>k6's notation, e.g. <c>1/4:2/4</c>.</summary>
    public required string Segment { get; init; }
}
