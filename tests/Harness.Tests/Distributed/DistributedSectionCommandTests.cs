using Harness.Cli.App;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Distributed;

/// <summary>A bad <c>distributed:</c> section stops <c>harness run</c> with exit 2 before anything starts (the section's parsing is in Harness.Core.Tests).</summary>
public sealed class DistributedSectionCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();

    [Fact]
    public async Task A_bad_section_stops_harness_run_with_exit_2_before_anything_starts()
    {
        var scenario = Write("bad.yml", "name: bad\ntarget: {url: \"http://127.0.0.1:9/\"}\nload: {model: constant-vus, vus: 1, duration: 1s}\ndistributed: {agents: 0}\n");
        var outDir = Path.Combine(dir.Path, "out");

        var result = await Run("run", scenario, "--out", outDir, "--no-history");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{scenario}:4:23: distributed.agents: 0 is not between 1 and 256", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Agents_for_a_kind_that_cannot_be_spread_stop_harness_run_with_exit_2_naming_the_kind()
    {
        var cold = Write("cold.yml", "name: cold\nkind: cold-start\ncoldStart: {functions: [echo]}\n");
        var target = Write("target.yml", "kind: embedded\n");
        var outDir = Path.Combine(dir.Path, "out");

        var result = await Run("run", cold, "--target", target, "--agents", "2", "--out", outDir, "--no-history");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{cold}: kind: a cold-start scenario cannot be spread over agents (--agents 2): it times single first requests", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private static async Task<CommandAppResult> Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        app.Console.Profile.Width = 4096;
        return await app.RunAsync(args);
    }

    public void Dispose() => dir.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
