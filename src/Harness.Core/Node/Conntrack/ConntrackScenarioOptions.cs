namespace Harness.Node.Conntrack;

/// <summary>How the conntrack scenario runs: observe the node, or churn in the lab; reproduce mode lowers the global max.</summary>
internal sealed record ConntrackScenarioOptions
{
    public bool Lab { get; init; }
    /// <summary>Explicit and root only: lower the global nf_conntrack_max, then apply the recommended size (both restored afterwards).</summary>
    public bool ReproduceTableFull { get; init; }
    /// <summary>The temporary global nf_conntrack_max in reproduce mode.</summary>
    public long ReproduceMax { get; init; } = 2000;
    public ChurnOptions Churn { get; init; } = new();
    /// <summary>How long to watch the node when no load is driven.</summary>
    public TimeSpan ObserveDuration { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Churn.Validate());
        if (ReproduceTableFull && !Lab)
        {
            errors.Add("--reproduce-table-full needs --lab: the load must stay inside the harness's own namespaces");
        }

        if (ReproduceMax is < 256 or > 1_000_000)
        {
            errors.Add($"reproduce max {ReproduceMax}: expected 256 to 1,000,000");
        }

        if (ObserveDuration <= TimeSpan.Zero || ObserveDuration > TimeSpan.FromHours(1))
        {
            errors.Add("observe duration: expected more than 0 and at most 1 h");
        }

        return errors;
    }
}
