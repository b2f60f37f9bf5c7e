using Harness.Scenarios;

namespace Harness.Core.Tests.Node;

/// <summary>The repository's node scenario files parse with their <c>node:</c> section; a bad one reports each error at its line.</summary>
public sealed class NodeScenarioFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("node-scenario-file-").FullName;

    [Fact]
    public void Scenario_files_parse_with_their_node_section_and_report_errors_with_positions()
    {
        var repo = FindRepo();
        var fsync = ScenarioFileParser.ParseFile(Path.Combine(repo, "scenarios", "etcd-fsync.yml"));
        Assert.Empty(fsync.Diagnostics);
        Assert.Equal(ScenarioKinds.EtcdFsync, fsync.Scenario!.Kind);
        Assert.Equal(22L * 1024 * 1024, fsync.Scenario.Node!.SizeBytes);
        Assert.True(fsync.Scenario.Node.Etcd);
        Assert.True(ScenarioFileParser.ParseFile(Path.Combine(repo, "scenarios", "node", "conntrack-lab.yml")).Scenario!.Node!.Lab);
        Assert.Empty(ScenarioFileParser.ParseFile(Path.Combine(repo, "scenarios", "conntrack.yml")).Diagnostics);
        Assert.Empty(ScenarioFileParser.ParseFile(Path.Combine(repo, "scenarios", "node", "node-audit.yml")).Diagnostics);

        var bad = Path.Combine(_dir, "bad-fsync.yml");
        File.WriteAllText(bad, "name: f\nkind: etcd-fsync\nnode:\n  size: lots\n  puts: -3\n  colour: red\n");
        var parsed = ScenarioFileParser.ParseFile(bad);
        Assert.Null(parsed.Scenario);
        Assert.Contains(parsed.Diagnostics, d => d.Line == 4 && d.Field == "node.size");
        Assert.Contains(parsed.Diagnostics, d => d.Line == 5 && d.Field == "node.puts");
        Assert.Contains(parsed.Diagnostics, d => d.Line == 6);
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above the test binaries");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
