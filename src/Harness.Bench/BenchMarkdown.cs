using System.Globalization;
using System.Text;
using Harness.Results;

namespace Harness.Bench;

/// <summary>The combined <c>harness bench all</c> table as Markdown: the README's "Performance at a glance" block.</summary>
internal static class BenchMarkdown
{
    /// <summary>The block's text: where and when it was measured, the four ratios, then the other figures of the same run.</summary>
    public static string Write(BenchSummary summary, EnvironmentInfo machine, string build)
    {
        var sb = new StringBuilder();
        sb.Append("One run of `harness bench all` (").Append(build).Append(')');
        if (summary.StartedAt is { } start)
        {
            var end = summary.FinishedAt ?? start;
            sb.Append(CultureInfo.InvariantCulture, $", {start.UtcDateTime:yyyy-MM-dd HH:mm}–{end.UtcDateTime:HH:mm} UTC");
        }

        sb.Append(", on ").Append(Machine(machine));
        if (machine.GitCommit is { Length: > 0 } commit)
        {
            sb.Append(", git ").Append(commit.Length > 10 ? commit[..10] : commit);
        }

        if (summary.LoadAverage is { } load)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; load average {load:0.0} at the start");
        }

        sb.Append(". Ratios are taken within that one run; absolute figures vary a lot on shared machines.\n\n");
        Table(sb, "ratio", summary.Headline);
        if (summary.Other.Count > 0)
        {
            sb.Append("\nOther figures from the same run:\n\n");
            Table(sb, "benchmark", summary.Other);
        }

        return sb.ToString();
    }

    private static string Machine(EnvironmentInfo m)
    {
        var parts = new List<string>();
        if (m.Cpus > 0)
        {
            parts.Add(m.Cpus.ToString(CultureInfo.InvariantCulture) + " cores");
        }

        if (m.CpuModel is { Length: > 0 } model)
        {
            parts.Add(model);
        }

        if (m.MemoryBytes > 0)
        {
            parts.Add((m.MemoryBytes / (double)(1L << 30)).ToString("0", CultureInfo.InvariantCulture) + " GiB");
        }

        if (m.Kernel is { Length: > 0 } kernel)
        {
            parts.Add(kernel);
        }

        var host = m.Hostname is { Length: > 0 } h ? $"`{h}`" : "this machine";
        return parts.Count == 0 ? host : $"{host} ({string.Join(", ", parts)})";
    }

    private static void Table(StringBuilder sb, string first, IReadOnlyList<BenchResult> rows)
    {
        sb.Append("| ").Append(first).Append(" | measured | reference | target | verdict |\n|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            var verdict = r.Met == false ? "**missed**" : r.Verdict;
            sb.Append("| ").Append(Cell(r.Benchmark)).Append(" | ").Append(Cell(r.Measured)).Append(" | ").Append(Cell(r.Reference))
                .Append(" | ").Append(Cell(r.Target)).Append(" | ").Append(verdict).Append(" |\n");
        }
    }

    private static string Cell(string text) => text.Length == 0 ? "–" : text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
