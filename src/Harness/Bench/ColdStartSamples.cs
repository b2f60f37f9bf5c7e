namespace Harness.Bench;

/// <summary>What one cold-start benchmark run measured, in milliseconds, one sample per round for every path.</summary>
internal sealed record ColdStartSamples
{
    /// <summary>Scale-from-zero → first byte per platform variant, the platform as deployed first.</summary>
    public required IReadOnlyList<(ColdStartVariant Variant, string? Monitor, IReadOnlyList<double> Samples)> Platforms { get; init; }

    /// <summary>The same python3-http template's server, spawned bare (no watchdog, no gateway, no sandbox) → first 200.</summary>
    public required IReadOnlyList<double> TemplateServer { get; init; }

    /// <summary>Harness's watchdog (http mode, no sandbox) in front of a stdlib <c>http.server</c>: the OpenFaaS-style pair.</summary>
    public required IReadOnlyList<double> WatchdogPair { get; init; }

    /// <summary>A stdlib <c>http.server</c> alone → first 200 (the benchmark's earlier, heavier baseline).</summary>
    public required IReadOnlyList<double> StdlibServer { get; init; }

    /// <summary><c>python3 -c pass</c>, spawn → exit: the interpreter's floor.</summary>
    public required IReadOnlyList<double> PythonPass { get; init; }
}
