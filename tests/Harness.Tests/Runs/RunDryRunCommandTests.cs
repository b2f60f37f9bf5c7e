using Harness.Cli;
using Harness.Cli.App;
using Harness.Core.Tests.Compliance;
using Harness.Runs;
using Spectre.Console.Cli.Testing;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Tests.Runs;

/// <summary><c>harness run --dry-run</c> prints the plan and runs nothing; pre-release needs a policy (the plan itself: Harness.Core.Tests' RunPlanTests).</summary>
public sealed class RunDryRunCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-dryrun-").FullName;

    private static string ScenariosDirectory => Path.GetDirectoryName(RepoFile("scenarios/throughput.yml"))!;

    [Fact]
    public async Task Dry_run_prints_the_plan_and_runs_nothing()
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var outDir = Path.Combine(dir, "out");
        var suite = SuiteLocator.Suite(ScenariosDirectory, RunProfile.Smoke).ToArray();

        var result = await app.RunAsync(["run", .. suite, "--target", Path.Combine(ScenariosDirectory, "targets", "local.yml"), "--profile", "smoke", "--dry-run", "--out", outDir]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("profile smoke", result.Output, StringComparison.Ordinal);
        Assert.Contains("planned", result.Output, StringComparison.Ordinal);
        Assert.Contains("etcd-fsync", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(2, (await app.RunAsync(["run", Path.Combine(dir, "missing.yml"), "--dry-run"])).ExitCode);
    }

    [Fact]
    public async Task Pre_release_needs_a_policy_and_policy_adds_the_compliance_check()
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var local = Path.Combine(ScenariosDirectory, "targets", "local.yml");
        var suite = SuiteLocator.Suite(ScenariosDirectory, RunProfile.PreRelease).ToArray();

        // The shipped default target names the Norwegian policy, so the main job and the release gate include the check.
        var byDefault = await app.RunAsync(["run", .. suite, "--target", local, "--profile", "pre-release", "--dry-run"]);
        Assert.Equal(0, byDefault.ExitCode);
        Assert.Contains("with the compliance check", byDefault.Output, StringComparison.Ordinal);
        var mainJob = await app.RunAsync(["run", "--dry-run"]);
        Assert.Equal(0, mainJob.ExitCode);
        Assert.Contains("with the compliance check", mainJob.Output, StringComparison.Ordinal);

        var noPolicy = Path.Combine(dir, "no-policy.yml");
        File.WriteAllText(noPolicy, $"name: local\nkind: embedded\nstack: {Path.Combine(ScenariosDirectory, "functions", "stack.yml")}\n");
        var refused = await app.RunAsync(["run", .. suite, "--target", noPolicy, "--profile", "pre-release", "--dry-run"]);
        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("names no policy", refused.Output, StringComparison.Ordinal);

        var planned = await app.RunAsync(["run", .. suite, "--target", local, "--profile", "pre-release", "--dry-run",
            "--policy", Path.Combine(ScenariosDirectory, "policies", "eea.yml")]);
        Assert.Equal(0, planned.ExitCode);
        Assert.Contains("with the compliance check", planned.Output, StringComparison.Ordinal);

        var missing = await app.RunAsync(["run", .. suite, "--target", local, "--dry-run", "--policy", Path.Combine(dir, "missing.yml")]);
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("missing.yml", missing.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
