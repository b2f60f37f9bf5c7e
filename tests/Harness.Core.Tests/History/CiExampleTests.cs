using YamlDotNet.RepresentationModel;

namespace Harness.Core.Tests.History;

public sealed class CiExampleTests
{
    private static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", "ci", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"examples/ci/{name} not found above {AppContext.BaseDirectory}");
    }

    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Example(name));
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    [Fact]
    public void The_github_workflow_is_valid_yaml_runs_nightly_uses_secrets_keeps_history_and_compares()
    {
        var root = Load("github-actions.yml");
        var on = Assert.IsType<YamlMappingNode>(root["on"]);
        var cron = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)on["schedule"]).Children[0])["cron"]).Value!;
        Assert.Equal(5, cron.Split(' ').Length);
        var text = File.ReadAllText(Example("github-actions.yml"));
        Assert.Contains("secrets.HARNESS_GATEWAY_PASSWORD", text, StringComparison.Ordinal);
        Assert.Contains("actions/cache/save", text, StringComparison.Ordinal);
        Assert.Contains("out/history.db", text, StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), l => l.Contains(" run ", StringComparison.Ordinal) && l.Contains("--fail-on-regression", StringComparison.Ordinal));
        Assert.Contains("jobs", root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void The_gitlab_job_is_valid_yaml_runs_on_schedule_caches_history_and_reports_junit()
    {
        var root = Load("gitlab-ci.yml");
        var job = Assert.IsType<YamlMappingNode>(root["harness-nightly"]);
        var rules = Assert.IsType<YamlSequenceNode>(job["rules"]);
        Assert.Contains(rules.Children, r => ((YamlScalarNode)((YamlMappingNode)r)["if"]).Value!.Contains("schedule", StringComparison.Ordinal));
        Assert.Contains("out/history.db", ((YamlSequenceNode)((YamlMappingNode)job["cache"])["paths"]).Children.Select(c => ((YamlScalarNode)c).Value));
        var script = ((YamlSequenceNode)job["script"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Contains(script, s => s.Contains(" run ", StringComparison.Ordinal) && s.Contains("--fail-on-regression", StringComparison.Ordinal));
        Assert.NotNull(((YamlMappingNode)((YamlMappingNode)job["artifacts"])["reports"])["junit"]);
    }
}
