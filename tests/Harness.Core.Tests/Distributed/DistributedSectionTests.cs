using Harness.Distributed;
using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Distributed;

/// <summary>
/// The <c>distributed:</c> section of scenario and target files: read by their parsers with the flags' checks, every
/// error at its file, line and field, and merged field by field (flags, then scenario file, then target file).
/// </summary>
public sealed class DistributedSectionTests : IDisposable
{
    private const string Plain = "name: spread\ntarget: {url: \"http://127.0.0.1:9/\"}\nload: {model: constant-vus, vus: 4, duration: 2s}\n";
    private readonly TempDirectory dir = new();

    [Fact]
    public void A_scenario_section_gives_every_field_as_the_flags_do()
    {
        var kubeconfig = Path.Combine(dir.Path, "k3s.yaml");
        File.WriteAllText(kubeconfig, "apiVersion: v1\n");
        var file = Path.Combine(dir.Path, "spread.yml");

        var result = ScenarioFileParser.Parse(Plain + """
            distributed:
              agents: 4
              runtime: kubernetes
              spread: true
              cpu: 500m
              memory: 512Mi
              image: registry.example/harness:1.4.0
              namespace: loadtest
              kubeconfig: k3s.yaml
            """, file);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new DistributedSection
        {
            Agents = 4, Runtime = "kubernetes", Spread = true, Cpu = "500m", Memory = "512Mi",
            Image = "registry.example/harness:1.4.0", Namespace = "loadtest", Kubeconfig = kubeconfig,
        }, result.Scenario!.Distributed);
    }

    [Theory]
    [InlineData("agents: 0", "0", "distributed.agents: 0 is not between 1 and 256")]
    [InlineData("agents: 257", "257", "distributed.agents: 257 is not between 1 and 256")]
    [InlineData("agents: many", "many", "distributed.agents: expected a whole number, found 'many'")]
    [InlineData("runtime: docker", "docker", "distributed.runtime: unknown runtime 'docker' (use local or kubernetes)")]
    [InlineData("runtime: kubernetes, cpu: lots", "lots", "distributed.cpu: 'lots' is not a CPU quantity such as 1 or 500m")]
    [InlineData("runtime: kubernetes, memory: much", "much", "distributed.memory: 'much' is not a quantity such as 512Mi")]
    [InlineData("runtime: kubernetes, image: ''", "''", "distributed.image: expected a non-empty value")]
    [InlineData("runtime: kubernetes, namespace: ' '", "' '", "distributed.namespace: expected a non-empty value")]
    [InlineData("runtime: kubernetes, spread: maybe", "maybe", "distributed.spread: expected true or false, found 'maybe'")]
    [InlineData("runtime: kubernetes, kubeconfig: nowhere.yaml", "nowhere.yaml", "distributed.kubeconfig: no such file: ")]
    [InlineData("agents: 2, colour: blue", "colour", "distributed.colour: unknown key 'colour'")]
    [InlineData("agents: 2, image: harness:1", "harness:1", "distributed.image: is for Kubernetes agents: add 'runtime: kubernetes' to this section")]
    [InlineData("runtime: local, spread: true", "true", "distributed.spread: is for Kubernetes agents: add 'runtime: kubernetes' to this section (it says runtime: local)")]
    public void Each_bad_field_of_a_scenario_section_is_an_error_at_its_line_and_field(string section, string at, string expected)
    {
        var file = Path.Combine(dir.Path, "bad.yml");

        var result = ScenarioFileParser.Parse(Plain + "distributed: {" + section + "}\n", file);

        Assert.Null(result.Scenario);
        var error = Assert.Single(result.Diagnostics).ToString();
        // Line 4 of the file; the column is where the bad value (or key) starts, after "distributed: {".
        var column = "distributed: {".Length + section.LastIndexOf(at, StringComparison.Ordinal) + 1;
        Assert.StartsWith($"{file}:4:{column}: {expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_that_is_no_mapping_is_an_error()
    {
        var result = ScenarioFileParser.Parse(Plain + "distributed: 4\n", "s.yml");

        Assert.Equal("s.yml:4:14: distributed: expected a mapping, found '4'", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_kind_that_cannot_be_spread_refuses_a_section_that_asks_for_agents()
    {
        var result = ScenarioFileParser.Parse("name: cold\nkind: cold-start\ncoldStart: {functions: [echo]}\ndistributed: {agents: 3}\n", "cold.yml");

        var error = Assert.Single(result.Diagnostics).ToString();
        Assert.StartsWith("cold.yml:4:14: distributed: a cold-start scenario cannot be spread over agents: it times single first requests", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_section_is_read_by_the_target_parser_with_the_same_checks()
    {
        var good = TargetFileParser.Parse("kind: embedded\ndistributed: {agents: 2, runtime: kubernetes, image: 'harness:1', cpu: '1'}\n", "t.yml");
        Assert.Equal(new DistributedSection { Agents = 2, Runtime = "kubernetes", Image = "harness:1", Cpu = "1" }, good.Target!.Distributed);

        var bad = TargetFileParser.Parse("kind: embedded\ndistributed:\n  agents: -1\n  memory: 1Gi\n", "t.yml");
        Assert.Null(bad.Target);
        Assert.Equal(
            ["t.yml:3:11: distributed.agents: -1 is not between 1 and 256", "t.yml:4:11: distributed.memory: is for Kubernetes agents: add 'runtime: kubernetes' to this section"],
            bad.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Flags_override_the_scenario_file_which_overrides_the_target_file_field_by_field()
    {
        var target = new DistributedSection { Agents = 2, Runtime = "kubernetes", Image = "target:1", Namespace = "target-ns", Cpu = "1", Memory = "1Gi", Spread = true };
        var scenario = new DistributedSection { Agents = 3, Runtime = "kubernetes", Image = "scenario:1", Cpu = "2" };
        var flags = new DistributedSection { Agents = 4, Cpu = "4" };

        var merged = RunDistribution.Merge(flags, scenario, target, "/target/kubeconfig");

        Assert.Equal(new DistributedOptions
        {
            Agents = 4, Runtime = "kubernetes", Image = "scenario:1", Namespace = "target-ns", Cpu = "4", Memory = "1Gi", Spread = true, Kubeconfig = "/target/kubeconfig",
        }, merged);
        Assert.Equal(2, RunDistribution.Merge(null, null, target).Agents);
        Assert.Equal(3, RunDistribution.Merge(new DistributedSection(), scenario, target).Agents);
        Assert.Equal("/flag", RunDistribution.Merge(new DistributedSection { Kubeconfig = "/flag" }, scenario, target, "/target/kubeconfig").Kubeconfig);
        Assert.False(RunDistribution.Merge(null, null, null).IsDistributed);
    }

    [Fact]
    public void A_run_takes_the_target_files_section_for_the_scenarios_that_can_be_spread()
    {
        var target = Write("target.yml", "kind: embedded\ndistributed: {agents: 2, runtime: kubernetes, image: 'harness:1', namespace: loadtest}\n");
        var spread = Write("spread.yml", Plain + "distributed: {agents: 3}\n");
        var cold = Write("cold.yml", "name: cold\nkind: cold-start\ncoldStart: {functions: [echo]}\n");

        var run = RunSetup.Prepare(new RunSetupOptions { ScenarioFiles = [spread, cold], TargetFile = target, Distributed = new DistributedSection { Memory = "256Mi" } });

        Assert.Empty(run.Diagnostics);
        var plan = Assert.Single(run.Distributed);
        Assert.Equal("spread", plan.Key);
        Assert.Equal(new DistributedOptions { Agents = 3, Runtime = "kubernetes", Image = "harness:1", Namespace = "loadtest", Memory = "256Mi" }, plan.Value);
    }

    [Fact]
    public void A_kubernetes_flag_without_a_kubernetes_runtime_anywhere_is_an_error()
    {
        var spread = Write("spread.yml", Plain);

        var run = RunSetup.Prepare(new RunSetupOptions { ScenarioFiles = [spread], Distributed = new DistributedSection { Agents = 2, Image = "harness:1" } });

        var error = Assert.Single(run.Diagnostics).ToString();
        Assert.StartsWith("command line: --agent-image: for Kubernetes agents, but the agents of spread run local", error, StringComparison.Ordinal);
        Assert.False(run.CanStart);
    }

    [Fact]
    public void Kubernetes_agents_without_an_image_anywhere_are_an_error_before_the_run()
    {
        var spread = Write("spread.yml", Plain + "distributed: {agents: 2, runtime: kubernetes, namespace: loadtest}\n");

        var run = RunSetup.Prepare(new RunSetupOptions { ScenarioFiles = [spread] });

        Assert.Equal($"{spread}: distributed.image: kubernetes agents need the harness image: --agent-image IMAGE, or image: in a distributed: section of the scenario or target file",
            Assert.Single(run.Diagnostics).ToString());
    }

    public void Dispose() => dir.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
