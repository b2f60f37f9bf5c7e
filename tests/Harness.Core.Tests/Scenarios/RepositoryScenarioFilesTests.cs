using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Scenarios;

/// <summary>The scenario and target files shipped in scenarios/ parse without a single diagnostic.</summary>
public sealed class RepositoryScenarioFilesTests
{
    [Fact]
    public void Every_shipped_scenario_and_target_file_is_valid()
    {
        var dir = SuiteLocator.FindScenariosDirectory();
        Assert.NotNull(dir);
        var files = Directory.GetFiles(dir, "*.yml").Concat(Directory.GetFiles(Path.Combine(dir, "examples"), "*.yml")).ToList();
        Assert.Contains(files, f => f.EndsWith("throughput.yml", StringComparison.Ordinal));

        var problems = files.SelectMany(f => ScenarioFileParser.ParseFile(f).Diagnostics)
            .Concat(Directory.GetFiles(Path.Combine(dir, "targets"), "*.yml").SelectMany(f => TargetFileParser.ParseFile(f).Diagnostics))
            .Select(d => d.ToString())
            .ToList();

        Assert.Empty(problems);
        Assert.Equal(["capacity.yml", "cold-start.yml", "connection-churn.yml", "conntrack.yml", "deployment-churn.yml", "etcd-fsync.yml", "throughput.yml"], SuiteLocator.DefaultSuite(dir).Select(Path.GetFileName));
    }
}
