namespace Harness.Bench;

/// <summary>One line of the combined <c>harness bench all</c> table: what was measured, against what, and whether it met its target (null: no target, or not measured).</summary>
internal sealed record BenchResult(string Benchmark, string Measured, string Reference, string Target, bool? Met)
{
    /// <summary>The verdict word of the tables: met, missed, not measured, or a dash when there is no target.</summary>
    public string Verdict => Met switch
    {
        true => "met",
        false => "missed",
        null when Measured.StartsWith(NotMeasuredPrefix, StringComparison.Ordinal) => "not measured",
        null => "–",
    };

    internal const string NotMeasuredPrefix = "not measured";

    /// <summary>A headline ratio the run could not produce (a tool missing, a failure), kept in the table so the gap is visible.</summary>
    public static BenchResult NotMeasured(string benchmark, string target, string why) => new(benchmark, $"{NotMeasuredPrefix}: {why}", "", target, null);
}
