namespace Harness.Bench;

/// <summary>What one cold-start benchmark run measured, in milliseconds, one sample per round for every path.</summary>
internal sealed record ColdStartSamples
{
    /// <summary>
    /// Per platform variant (the platform as deployed first): scale-from-zero → first byte, the CPU the new replica used
    /// until then (monitor, watchdog and function), and the host-side monitor's part of it.
    /// </summary>
    public required IReadOnlyList<(ColdStartVariant Variant, string? Monitor, IReadOnlyList<double> Samples, IReadOnlyList<double> Cpu, IReadOnlyList<double> MonitorCpu)> Platforms { get; init; }

    /// <summary>The same python3-http template's server, spawned bare (no watchdog, no gateway, no sandbox) → first 200.</summary>
    public required IReadOnlyList<double> TemplateServer { get; init; }

    /// <summary>Harness's watchdog (http mode, no sandbox) in front of a stdlib <c>http.server</c>: the OpenFaaS-style pair.</summary>
    public required IReadOnlyList<double> WatchdogPair { get; init; }

    /// <summary>A stdlib <c>http.server</c> alone → first 200 (the benchmark's earlier, heavier baseline).</summary>
    public required IReadOnlyList<double> StdlibServer { get; init; }

    /// <summary><c>python3 -c pass</c>, spawn → exit: the interpreter's floor.</summary>
    public required IReadOnlyList<double> PythonPass { get; init; }

    /// <summary>
    /// An interpreter that already imported the template's runtime, from "go" to the first 200 (handler import, bind,
    /// answer): the floor of the server's part of a pooled cold start (no pool exists yet; see <see cref="ColdStartPreImported"/>).
    /// </summary>
    public required IReadOnlyList<double> PreImported { get; init; }
}
