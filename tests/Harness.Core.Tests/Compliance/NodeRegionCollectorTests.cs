using System.Collections.Concurrent;
using Harness.Compliance.Collectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Harness.Core.Tests.Compliance;

/// <summary>The node-label collector through the real KubernetesClient against a fake API server on loopback.</summary>
public sealed class NodeRegionCollectorTests : IDisposable
{
    private const string NodeList = """
        {"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[
          {"metadata":{"name":"oslo-1","labels":{"topology.kubernetes.io/region":"no-oslo-1","topology.kubernetes.io/zone":"no-oslo-1a","kubernetes.io/hostname":"oslo-1"}}},
          {"metadata":{"name":"bare-vps","labels":{"kubernetes.io/hostname":"bare-vps"}}},
          {"metadata":{"name":"old","labels":{"failure-domain.beta.kubernetes.io/region":"us-east-1"}}}
        ]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("harness-kube-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Regions_and_zones_are_read_through_a_generated_kubeconfig()
    {
        var authorizations = new ConcurrentQueue<string>();
        await using var api = await LoopbackServer.StartAsync(app => app.MapGet("/api/v1/nodes", (HttpContext ctx) =>
        {
            authorizations.Enqueue(ctx.Request.Headers.Authorization.ToString());
            return Microsoft.AspNetCore.Http.Results.Text(NodeList, "application/json");
        }));
        var kubeconfig = WriteKubeconfig(api.Address);

        using var source = new KubernetesNodeLabelSource(kubeconfig);
        var facts = await NodeRegionCollector.CollectAsync(source, CancellationToken.None);

        Assert.Null(facts.Failure);
        Assert.Equal(["oslo-1", "bare-vps", "old"], facts.Nodes.Select(n => n.Node));
        Assert.Equal("no-oslo-1", facts.Nodes[0].Region);
        Assert.Equal("no-oslo-1a", facts.Nodes[0].Zone);
        Assert.Null(facts.Nodes[1].Region);
        Assert.Equal("us-east-1", facts.Nodes[2].Region);
        Assert.Contains("deprecated", facts.Nodes[2].Evidence.Observed, StringComparison.Ordinal);
        Assert.Contains(api.Address.Authority, facts.Nodes[0].Evidence.Location, StringComparison.Ordinal);
        Assert.Contains("Bearer test-token", authorizations);
    }

    [Fact]
    public async Task An_api_error_becomes_a_failure_with_evidence_not_an_exception()
    {
        await using var api = await LoopbackServer.StartAsync(app => app.MapGet("/api/v1/nodes", () => Microsoft.AspNetCore.Http.Results.StatusCode(403)));

        using var source = new KubernetesNodeLabelSource(WriteKubeconfig(api.Address));
        var facts = await NodeRegionCollector.CollectAsync(source, CancellationToken.None);

        Assert.NotNull(facts.Failure);
        Assert.Contains("Forbidden", facts.Failure.Observed, StringComparison.OrdinalIgnoreCase);
    }

    private string WriteKubeconfig(Uri server)
    {
        var path = Path.Combine(_dir, $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {server.ToString().TrimEnd('/')}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: tester
            current-context: fake
            users:
            - name: tester
              user:
                token: test-token
            """);
        return path;
    }
}
