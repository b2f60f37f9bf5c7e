using Harness.Platform.Client;
using Harness.Results;
using Harness.Scenarios;
using Harness.Targets;
using Microsoft.AspNetCore.Http;

namespace Harness.Core.Tests.Scenarios;

/// <summary>A cold call that fails is a counted error with its status, and the repetitions measured before it are kept.</summary>
public sealed class ColdStartFailureTests
{
    [Fact]
    public async Task A_503_on_the_second_cold_call_keeps_the_first_sample_and_counts_the_503()
    {
        var replicas = 1;
        var calls = 0;
        await using var gateway = await TestGateway.StartAsync(async (context, body) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path == "/system/function/fn")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($$"""{"name":"fn","image":"x","envProcess":"cat","replicas":{{replicas}},"availableReplicas":{{replicas}}}""");
            }
            else if (path == "/system/scale-function/fn")
            {
                replicas = body.Contains("\"replicas\":0", StringComparison.Ordinal) ? 0 : 1;
                context.Response.StatusCode = 202;
            }
            else if (path == "/function/fn")
            {
                // The first cold call is served; the second finds no replica, as a provider that failed to start one answers.
                context.Response.StatusCode = Interlocked.Increment(ref calls) == 2 ? 503 : 200;
                await context.Response.WriteAsync("ok");
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        using var client = OpenFaasClient.Create(new Uri(gateway.Url), null);
        var scenario = ScenarioFileParser.Parse("""
            name: cs
            kind: cold-start
            coldStart: {functions: [fn], repetitions: 3, warm: 0, scaleDownTimeout: 5s}
            """, "cs.yml").Scenario!;

        var result = await new ColdStartRunner().RunAsync(scenario, new ScenarioRunContext { Target = new ClientTarget(client) }, CancellationToken.None);

        Assert.Equal(ColdStartMethods.Gateway, result.Properties["cold_start_method"]);
        Assert.Equal(2, result.Metrics["cold_start_ttfb"].Count);
        Assert.Equal(1, result.Counters["cold_errors"]);
        Assert.Equal(1, result.Counters["status_503"]);
        Assert.Equal(3, result.Counters["requests"]);
        Assert.Contains(result.Notes, n => n.Contains("HTTP 503", StringComparison.Ordinal));
        Assert.Equal("2/3", Assert.Single(Assert.Single(result.Tables).Rows)[4]);
    }
}
