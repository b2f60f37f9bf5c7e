using Harness.Bench;
using Harness.Results;

namespace Harness.Tests.Bench;

public sealed class BenchTableTests
{
    private const string Before = "# Title\r\n\r\nintro | with a pipe\n<!-- bench:start -->\nold table\n| a | b |\n<!-- bench:end -->\n\n## After\ntext  \n";

    [Fact]
    public void The_block_is_replaced_exactly_and_replacing_again_changes_nothing()
    {
        var (once, error) = ReadmeBlock.Replace(Before, "| new | table |\n");
        Assert.Null(error);
        Assert.Equal("# Title\r\n\r\nintro | with a pipe\n<!-- bench:start -->\n| new | table |\n<!-- bench:end -->\n\n## After\ntext  \n", once);
        Assert.Equal(once, ReadmeBlock.Replace(once!, "| new | table |\n").Text);
        Assert.Equal(once, ReadmeBlock.Replace(once!, "\n\n| new | table |").Text);
        // Another table replaces only the inside again, and the old one comes back byte for byte.
        var other = ReadmeBlock.Replace(once!, "x").Text!;
        Assert.StartsWith("# Title\r\n\r\nintro | with a pipe\n<!-- bench:start -->\nx\n<!-- bench:end -->\n\n## After", other, StringComparison.Ordinal);
        Assert.Equal(Before, ReadmeBlock.Replace(Before, "old table\n| a | b |").Text);
    }

    [Theory]
    [InlineData("no markers at all", "no <!-- bench:start --> line")]
    [InlineData("<!-- bench:start -->\nx\n", "no <!-- bench:end --> line")]
    [InlineData("prose naming `<!-- bench:start -->` and `<!-- bench:end -->` is no block\n", "no <!-- bench:start --> line")]
    [InlineData("<!-- bench:end -->\nx\n<!-- bench:start -->\n", "comes before")]
    [InlineData("<!-- bench:start -->\n<!-- bench:end -->\n<!-- bench:start -->\n<!-- bench:end -->\n", "more than one")]
    public void Bad_markers_are_an_error_and_nothing_is_returned(string text, string message)
    {
        var (result, error) = ReadmeBlock.Replace(text, "table");
        Assert.Null(result);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_has_the_four_ratios_in_order_with_targets_verdicts_date_and_machine()
    {
        var summary = new BenchSummary
        {
            StartedAt = new DateTimeOffset(2026, 11, 28, 5, 10, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 11, 28, 5, 14, 0, TimeSpan.Zero),
            LoadAverage = 1.25,
            Gateway = new BenchResult(BenchSummary.GatewayName, "0.150 (15,000 vs 100,000 req/s), p99 4.9 ms", "OpenFaaS chain 0.056", BenchSummary.GatewayTarget, true),
            Watchdog = new BenchResult(BenchSummary.WatchdogName, "0.29", "of-watchdog ≈ 0.20", BenchSummary.WatchdogTarget, true),
            ColdStart = new BenchResult(BenchSummary.ColdStartName, "2.31 (82.8 ms vs 35.9 ms)", "", BenchSummary.ColdStartTarget, false),
        };
        summary.Add(new BenchResult("21-page PDF report", "0.14 s", "", "< 3 s", true));
        var machine = new EnvironmentInfo { Hostname = "vm-1", Cpus = 2, CpuModel = "AMD EPYC", MemoryBytes = 24L << 30, GitCommit = "0123456789abcdef" };

        var md = BenchMarkdown.Write(summary, machine, "Release build, NativeAOT watchdog");

        Assert.Contains("(Release build, NativeAOT watchdog), 2026-11-28 05:10–05:14 UTC, on `vm-1` (2 cores, AMD EPYC, 24 GiB), git 0123456789; load average 1.3 at the start.", md, StringComparison.Ordinal);
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal("| ratio | measured | reference | target | verdict |", rows[0]);
        Assert.StartsWith($"| {BenchSummary.WatchdogName} | 0.29 | of-watchdog ≈ 0.20 | ≥ 0.25 | met |", rows[1], StringComparison.Ordinal);
        Assert.StartsWith($"| {BenchSummary.GatewayName} |", rows[2], StringComparison.Ordinal);
        Assert.Equal($"| {BenchSummary.EngineName} | not measured: the engine benchmark did not run | – | ≥ 1.0 | not measured |", rows[3]);
        Assert.Equal($"| {BenchSummary.ColdStartName} | 2.31 (82.8 ms vs 35.9 ms) | – | ≤ 1.5 | **missed** |", rows[4]);
        Assert.Contains("Other figures from the same run", md, StringComparison.Ordinal);
        Assert.Equal("| 21-page PDF report | 0.14 s | – | < 3 s | met |", rows[^1]);
    }

    [Fact]
    public void Markers_named_in_prose_are_not_markers()
    {
        const string text = "Use `<!-- bench:start -->` … `<!-- bench:end -->`.\n<!-- bench:start -->\nold\n  <!-- bench:end -->  \nafter `<!-- bench:end -->`\n";
        Assert.Equal("Use `<!-- bench:start -->` … `<!-- bench:end -->`.\n<!-- bench:start -->\nnew\n  <!-- bench:end -->  \nafter `<!-- bench:end -->`\n",
            ReadmeBlock.Replace(text, "new").Text);
    }

    [Fact]
    public void The_readme_has_exactly_one_generated_block()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var (text, error) = ReadmeBlock.Replace(readme, "x");
        Assert.Null(error);
        Assert.NotNull(text);
        // The block is bench all's output: the four ratios by the names the generator gives them.
        var block = readme[readme.IndexOf("\n" + ReadmeBlock.Start, StringComparison.Ordinal)..readme.IndexOf("\n" + ReadmeBlock.End, StringComparison.Ordinal)];
        Assert.Contains("One run of `harness bench all`", block, StringComparison.Ordinal);
        foreach (var name in new[] { BenchSummary.WatchdogName, BenchSummary.GatewayName, BenchSummary.EngineName, BenchSummary.ColdStartName })
        {
            Assert.Contains($"| {name} |", block, StringComparison.Ordinal);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
