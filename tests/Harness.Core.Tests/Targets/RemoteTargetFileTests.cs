using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Targets;

/// <summary>The remote-target keys this issue adds (deploy, kubeconfig, namespace) and the scenario keys (coldStart.method, churn.pollRate): every error with its line, nothing half-read.</summary>
public sealed class RemoteTargetFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-target-file-").FullName;

    [Fact]
    public void A_remote_target_reads_deploy_kubeconfig_and_namespace()
    {
        File.WriteAllText(Path.Combine(dir, "stack.yml"), "version: 1.0\nprovider: {name: openfaas}\nfunctions: {}\n");
        File.WriteAllText(Path.Combine(dir, "kubeconfig"), "apiVersion: v1\n");
        var result = TargetFileParser.Parse("""
            name: staging
            kind: remote
            gateway: https://faas.example.no
            stack: stack.yml
            deploy: true
            kubeconfig: kubeconfig
            namespace: fn
            """, Path.Combine(dir, "t.yml"));

        var target = Assert.IsType<TargetDefinition>(result.Target);
        Assert.True(target.Deploy);
        Assert.Equal(Path.Combine(dir, "kubeconfig"), target.Kubeconfig);
        Assert.Equal("fn", target.FunctionNamespace);
    }

    [Fact]
    public void The_node_section_is_read_once_into_the_definition()
    {
        File.WriteAllText(Path.Combine(dir, "id"), "not a real key\n");
        var withNode = TargetFileParser.Parse("""
            name: staging
            kind: remote
            gateway: https://faas.example.no
            node:
              ssh: {host: 127.0.0.1, user: ops, key_file: id, insecure_ignore_host_key: true}
            """, Path.Combine(dir, "t.yml"));
        var without = TargetFileParser.Parse("""
            name: staging
            kind: remote
            gateway: https://faas.example.no
            # node: only in a comment, which the old line scan could not tell apart
            """, Path.Combine(dir, "u.yml"));

        var node = Assert.IsType<TargetDefinition>(withNode.Target).Node;
        Assert.Equal("127.0.0.1", Assert.IsType<Harness.Node.Access.NodeTarget>(node).Ssh?.Host);
        Assert.False(Assert.IsType<TargetDefinition>(without.Target).Node.Declared);
    }

    [Fact]
    public void Deploy_without_a_stack_and_a_missing_kubeconfig_are_errors_at_their_lines()
    {
        var result = TargetFileParser.Parse("""
            name: staging
            kind: remote
            gateway: https://faas.example.no
            deploy: true
            kubeconfig: nowhere/kubeconfig
            """, Path.Combine(dir, "t.yml"));

        Assert.Null(result.Target);
        Assert.Contains(result.Diagnostics, d => d.Field == "deploy" && d.Line == 4 && d.Message.Contains("needs stack:", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Field == "kubeconfig" && d.Line == 5 && d.Message.Contains("no such file", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_cold_start_method_and_a_zero_poll_rate_are_errors()
    {
        var cold = ScenarioFileParser.Parse("""
            name: cs
            kind: cold-start
            coldStart: {functions: [a], method: freeze}
            """, Path.Combine(dir, "cs.yml"));
        var churn = ScenarioFileParser.Parse("""
            name: ch
            kind: deployment-churn
            churn: {pollRate: 0}
            """, Path.Combine(dir, "ch.yml"));

        Assert.Contains(cold.Diagnostics, d => d.Field == "coldStart.method" && d.Message.Contains("first-call-after-deploy", StringComparison.Ordinal));
        Assert.Contains(churn.Diagnostics, d => d.Field == "churn.pollRate");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
