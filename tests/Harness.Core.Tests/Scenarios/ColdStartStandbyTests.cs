using Harness.Platform.Client;
using Harness.Scenarios;
using Microsoft.AspNetCore.Http;

namespace Harness.Core.Tests.Scenarios;

/// <summary>
/// On a platform that keeps a standby replica for a function at zero, a cold call waits until it is prepared (as it is
/// after a function's idle time) and the result says so; elsewhere nothing changes.
/// </summary>
public sealed class ColdStartStandbyTests
{
    [Fact]
    public async Task The_cold_call_waits_for_the_prepared_standby_and_the_result_names_it()
    {
        var replicas = 1;
        var infoReads = 0;
        var standbyShownAt = -1;
        await using var gateway = await TestGateway.StartAsync(async (context, body) => await AnswerAsync(context, body, () =>
        {
            // The standby shows from the third read after the scale to zero on.
            var n = Interlocked.Increment(ref infoReads);
            var prepared = replicas == 0 && n >= 3;
            if (prepared && standbyShownAt < 0)
            {
                standbyShownAt = n;
            }

            return prepared ? "\"fn-abcde\"" : "null";
        }, r => replicas = r, () => replicas));
        using var client = OpenFaasClient.Create(new Uri(gateway.Url), null);

        var result = await RunAsync(client);

        Assert.Equal("fn: 1 of 1 cold calls took a prepared standby replica", result.Properties["cold_start_standby"]);
        Assert.Contains(result.Notes, n => n.Contains("standby replica", StringComparison.Ordinal));
        // The call came after the info that showed the standby, not before.
        var requests = gateway.Requests.Select(r => r.Path).ToList();
        var call = requests.IndexOf("/function/fn");
        var infos = requests.Select((p, i) => (p, i)).Where(x => x.p == "/system/info").Select(x => x.i).ToList();
        Assert.True(standbyShownAt > 0 && call > infos[standbyShownAt - 1], string.Join(" ", requests));
    }

    [Fact]
    public async Task Without_standby_figures_in_the_info_nothing_is_waited_for_or_said()
    {
        var replicas = 1;
        await using var gateway = await TestGateway.StartAsync(async (context, body) => await AnswerAsync(context, body, null, r => replicas = r, () => replicas));
        using var client = OpenFaasClient.Create(new Uri(gateway.Url), null);

        var result = await RunAsync(client);

        Assert.False(result.Properties.ContainsKey("cold_start_standby"));
        Assert.DoesNotContain(result.Notes, n => n.Contains("standby", StringComparison.Ordinal));
        Assert.Equal(1, result.Metrics["cold_start_ttfb"].Count);
    }

    private static async Task<Harness.Results.ScenarioResult> RunAsync(OpenFaasClient client)
    {
        var scenario = ScenarioFileParser.Parse("""
            name: cs
            kind: cold-start
            coldStart: {functions: [fn], repetitions: 1, warm: 0, scaleDownTimeout: 5s}
            """, "cs.yml").Scenario!;
        return await new ColdStartRunner().RunAsync(scenario, new ScenarioRunContext { Target = new ClientTarget(client) }, CancellationToken.None);
    }

    /// <summary>A gateway with one function; <paramref name="standby"/> null: /system/info has no pre-fork figures.</summary>
    private static async Task AnswerAsync(HttpContext context, string body, Func<string>? standby, Action<int> scale, Func<int> replicas)
    {
        var path = context.Request.Path.Value ?? "";
        context.Response.ContentType = "application/json";
        if (path == "/system/function/fn")
        {
            await context.Response.WriteAsync($$"""{"name":"fn","image":"x","envProcess":"python3 server.py","replicas":{{replicas()}},"availableReplicas":{{replicas()}}}""");
        }
        else if (path == "/system/scale-function/fn")
        {
            scale(body.Contains("\"replicas\":0", StringComparison.Ordinal) ? 0 : 1);
            context.Response.StatusCode = 202;
        }
        else if (path == "/system/info")
        {
            var prefork = standby is null ? "" : $$""","prefork":{"enabled":true,"maxZygotes":8,"memoryLimitBytes":1,"memoryBytes":1,"forks":1,"failures":0,"standbyEnabled":true,"zygotes":[{"function":"fn","namespace":"openfaas-fn","runtime":"python3-http","state":"ready","memoryBytes":1,"forks":1,"failures":0,"standby":{{standby()}}}]}""";
            await context.Response.WriteAsync($$"""{"provider":{"provider":"harness-local","orchestration":"local","version":{"release":"1"}{{prefork}}},"version":{"release":"1"},"arch":"amd64"}""");
        }
        else if (path == "/function/fn")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok");
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }
}
