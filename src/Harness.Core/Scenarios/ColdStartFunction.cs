namespace Harness.Scenarios;

/// <summary>One function's cold-start calls: how it was made cold, its cold and warm samples, and why it stopped early (if it did).</summary>
internal sealed class ColdStartFunction(string name, string mode, string runtime)
{
    public string Name { get; } = name;
    public string Mode { get; } = mode;
    public string Runtime { get; } = runtime;
    public string? Method { get; set; }
    /// <summary>The gateway listed it, so the run may have scaled it and must leave it with a replica.</summary>
    public bool Deployed { get; set; }
    public List<ColdStartSample> Cold { get; } = [];
    public List<ColdStartSample> Warm { get; } = [];
    /// <summary>First call after deploy: deploy → ready of each fresh copy, ms.</summary>
    public List<double> DeployReadyMs { get; } = [];
    /// <summary>Per cold call made by a scale to zero: whether the platform's standby replica was prepared (null: it keeps none).</summary>
    public List<bool?> Standby { get; } = [];
    /// <summary>Why the repetitions stopped, when they did.</summary>
    public string? Problem { get; set; }
}
