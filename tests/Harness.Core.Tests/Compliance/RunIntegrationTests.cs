using Harness.Core.Tests.Runs;
using Harness.Results;
using Harness.Runs;
using Harness.Targets;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Compliance;

/// <summary>The target file's <c>policy:</c> key and the check inside <c>harness run</c>.</summary>
public sealed class RunIntegrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-run-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_target_names_its_policy_relative_to_the_file()
    {
        File.Copy(RepoFile("scenarios/policies/norway.yml"), Path.Combine(_dir, "norway.yml"));
        var target = Write("t.yml", "name: vps\nkind: remote\ngateway: http://127.0.0.1:8080\nlocation: NO / Oslo\npolicy: norway.yml\n");

        var parsed = TargetFileParser.ParseFile(target);

        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(Path.Combine(_dir, "norway.yml"), parsed.Target!.Policy);
        Assert.NotNull(Harness.Compliance.ResidencyRunHook.For(parsed.Target));
    }

    [Fact]
    public void A_bad_or_missing_policy_stops_the_target_with_positions()
    {
        File.Copy(Fixture("policies", "bad.yml"), Path.Combine(_dir, "bad.yml"));
        var bad = TargetFileParser.ParseFile(Write("bad-target.yml", "kind: remote\ngateway: http://127.0.0.1:8080\npolicy: bad.yml\n"));
        var missing = TargetFileParser.ParseFile(Write("missing-target.yml", "kind: remote\ngateway: http://127.0.0.1:8080\npolicy: none.yml\n"));

        Assert.Null(bad.Target);
        Assert.Contains(bad.Diagnostics, d => d.File.EndsWith("bad.yml", StringComparison.Ordinal) && d.Line == 2 && d.Field == "fail_at");
        Assert.Null(missing.Target);
        Assert.Contains(missing.Diagnostics, d => d.Line == 3 && d.Field == "policy" && d.Message.Contains("no such file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_run_records_the_compliance_result_and_a_failing_one_makes_it_exit_1()
    {
        var failing = new ComplianceResult
        {
            PolicyName = "norway",
            PolicyHash = "sha256:00",
            FailAt = "medium",
            Findings = [new Finding { RuleId = "config.memory-limit", Title = "fn: no memory limit", Severity = "medium", Passed = false }],
        };
        IRunTarget? seen = null;
        var request = new RunRequest
        {
            Scenarios = [],
            StartTarget = _ => Task.FromResult<IRunTarget>(new UrlOnlyTarget()),
            OutputDirectory = Path.Combine(_dir, "out"),
            Compliance = (target, _) =>
            {
                seen = target;
                return Task.FromResult(failing);
            },
        };

        var outcome = await RunService.Default.RunAsync(request, new NullRunObserver(), CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal(1, outcome.ExitCode);
        var written = await RunSummaryJson.ReadAsync(Path.Combine(_dir, "out", "results.json"), CancellationToken.None);
        Assert.Equal("norway", written.Compliance!.PolicyName);
        Assert.Equal(0, (outcome with { Summary = outcome.Summary with { Compliance = failing with { FailAt = "high" } } }).ExitCode);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
