using Harness.Distributed;
using Harness.Runs;

namespace Harness.Core.Tests.Distributed;

/// <summary>
/// Which scenario kinds are spread over agents: the kinds that are one load plan (http, throughput, connection-churn)
/// are, through the same coordinator; every other kind refuses agents before the run starts, naming the kind and why.
/// </summary>
public sealed class DistributedKindsTests : IDisposable
{
    private readonly TempDirectory dir = new();

    [Theory]
    [InlineData("capacity", "target: {url: \"http://127.0.0.1:9/\"}\ncapacity: {startRate: 10, step: 10, stepDuration: 1s, maxRate: 30}\n", "its ramp stops at the first step that breaks")]
    [InlineData("cold-start", "coldStart: {functions: [echo]}\n", "it times single first requests after a scale to zero")]
    [InlineData("deployment-churn", "churn: {functions: 2}\n", "control-plane calls in order")]
    [InlineData("conntrack", "", "it probes the node from this machine")]
    public void A_kind_that_is_not_one_load_plan_refuses_agents_naming_the_kind_and_why(string kind, string body, string why)
    {
        var file = Write($"{kind}.yml", $"name: {kind}-x\nkind: {kind}\n{body}");

        var run = RunSetup.Prepare(new RunSetupOptions { ScenarioFiles = [file], Distributed = new DistributedSection { Agents = 2 } });

        var refusal = Assert.Single(run.Diagnostics, d => d.File == file && d.Field == "kind");
        Assert.StartsWith($"a {kind} scenario cannot be spread over agents (--agents 2): ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
        Assert.False(run.CanStart);
    }

    public void Dispose() => dir.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
