using Harness.Scenarios;

namespace Harness.Runs;

/// <summary>
/// <c>--profile smoke|default|pre-release</c>: a pure transformation of the run plan. Smoke scales load durations,
/// repetitions and node checks down (under a minute), default keeps the scenario files as written (~2 minutes),
/// pre-release scales them up and adds every node scenario. <see cref="RunPlanner"/> adds up what each one plans.
/// </summary>
internal sealed record RunProfile(string Name, double Scale)
{
    public static RunProfile Smoke { get; } = new("smoke", 0.25);
    public static RunProfile Default { get; } = new("default", 1.0);
    public static RunProfile PreRelease { get; } = new("pre-release", 3.0);

    public static IReadOnlyList<RunProfile> All { get; } = [Smoke, Default, PreRelease];

    public static RunProfile? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The scenario with its durations, iteration counts, repetitions and node check sizes scaled (at least 1 s / 1 each, 1 MiB of fsync writes).</summary>
    public ScenarioDefinition Apply(ScenarioDefinition s)
    {
        if (Scale == 1.0)
        {
            return s;
        }

        return s with
        {
            Load = s.Load is { } l ? l with
            {
                Duration = l.Duration is { } d ? Time(d) : null,
                Iterations = l.Iterations is { } n ? Math.Max(1, (long)Math.Round(n * Scale)) : null,
                Stages = l.Stages.Select(st => st with { Duration = Time(st.Duration) }).ToList(),
                WarmUp = l.WarmUp > TimeSpan.Zero ? Time(l.WarmUp) : l.WarmUp,
            } : null,
            ColdStart = s.ColdStart is { } c ? c with { Repetitions = Count(c.Repetitions), Warm = Count(c.Warm) } : null,
            Churn = s.Churn is { } ch ? ch with { Cycles = Count(ch.Cycles) } : null,
            Capacity = s.Capacity is { } cap ? cap with { StepDuration = Time(cap.StepDuration) } : null,
            // Node checks scale too: etcd's fio job alone is ~40 s as written on a shared disk, which no smoke run can afford.
            Node = s.Node is { } node ? node with
            {
                SizeBytes = Math.Max(1L << 20, (long)(node.SizeBytes * Scale)),
                Puts = Count(node.Puts),
                Connections = Count(node.Connections),
                Duration = Time(node.Duration),
            } : null,
        };
    }

    private TimeSpan Time(TimeSpan t) => t <= TimeSpan.Zero ? t : TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (long)(t.Ticks * Scale)));

    private int Count(int n) => Math.Max(1, (int)Math.Round(n * Scale));
}
