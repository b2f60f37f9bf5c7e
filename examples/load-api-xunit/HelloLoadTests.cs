using Harness.Load;

namespace LoadApiExample.Tests;

/// <summary>A load test as a user writes it: NBomber-style scenario, open-model load, k6-style thresholds, asserts on the result.</summary>
public sealed class HelloLoadTests
{
    [Fact]
    public async Task HelloHoldsFiftyRequestsPerSecond()
    {
        await using var server = await HelloServer.StartAsync();
        using var client = LoadHttpClient.Create(ConnectionPolicy.KeepAlive(10));
        var hello = new HttpStep(client, new HttpRequestSpec { Url = server.Url }, ConnectionPolicy.Default);

        var scenario = Scenario.Create("hello", hello.InvokeAsync)
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)))
            .WithThresholds("error_rate == 0", "dropped == 0");

        var result = Assert.Single(await LoadRunner.RunAsync([scenario], CancellationToken.None));

        Assert.Equal(100, result.Counters["requests"]);
        Assert.Equal(100, result.Counters["status_200"]);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, t.Message));
        Assert.True(result.Metrics["http_req_duration"].P99 > 0);
    }

    [Fact]
    public async Task AFailingEndpointFailsTheThreshold()
    {
        await using var server = await HelloServer.StartAsync();
        using var client = LoadHttpClient.Create(ConnectionPolicy.KeepAlive(10));
        var busy = new HttpStep(client, new HttpRequestSpec { Url = new Uri(server.Url, "busy") }, ConnectionPolicy.Default);

        var scenario = Scenario.Create("busy", busy.InvokeAsync)
            .WithLoadSimulations(Simulation.IterationsForConstant(2, 20))
            .WithThresholds("error_rate < 1%");

        var result = Assert.Single(await LoadRunner.RunAsync([scenario], CancellationToken.None));

        Assert.Equal(20, result.Counters["errors"]);
        Assert.False(Assert.Single(result.Thresholds).Passed);
    }
}
