using Harness.Load;
using Xunit.Abstractions;

namespace Harness.Load.Tests;

/// <summary>The wrk2 demonstration: a server that stalls 1 s every 4 s looks fine to a closed model and bad to an open one.</summary>
public sealed class CoordinatedOmissionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Open_model_reports_the_stall_that_the_closed_model_hides()
    {
        await using var openServer = await StallServer.StartAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1));
        await using var closedServer = await StallServer.StartAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1));
        using var openClient = LoadHttpClient.Create(ConnectionPolicy.KeepAlive(100));
        using var closedClient = LoadHttpClient.Create(ConnectionPolicy.KeepAlive(2));
        var openStep = new HttpStep(openClient, new HttpRequestSpec { Url = openServer.Url }, ConnectionPolicy.Default);
        var closedStep = new HttpStep(closedClient, new HttpRequestSpec { Url = closedServer.Url }, ConnectionPolicy.Default);
        var during = TimeSpan.FromSeconds(8);

        var open = LoadRunner.RunScenarioAsync(
            Scenario.Create("open", openStep.InvokeAsync).WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), during)),
            new LoadRunOptions(),
            CancellationToken.None);
        var closed = LoadRunner.RunScenarioAsync(
            Scenario.Create("closed", closedStep.InvokeAsync).WithLoadSimulations(Simulation.KeepConstant(2, during)),
            new LoadRunOptions(),
            CancellationToken.None);
        var results = await Task.WhenAll(open, closed);

        var openLatency = results[0].Metrics["http_req_duration"];
        var closedLatency = results[1].Metrics["http_req_duration"];
        output.WriteLine($"open:   n={openLatency.Count} p50={openLatency.P50} p90={openLatency.P90} p99={openLatency.P99} max={openLatency.Max}");
        output.WriteLine($"closed: n={closedLatency.Count} p50={closedLatency.P50} p90={closedLatency.P90} p99={closedLatency.P99} max={closedLatency.Max}");
        // Two 1 s stalls in 8 s at 50/s: a quarter of the requests wait 0..1 s, so p90 sits around 600 ms.
        Assert.True(openLatency.P90 > 300, $"open p90 {openLatency.P90} ms should show the stall");
        Assert.Equal(0, results[0].Counters["dropped_iterations"]);
        // The closed model sent only 2 requests into each stall and thousands outside it: p90 stays low, max shows one stall.
        Assert.True(closedLatency.P90 < 100, $"closed p90 {closedLatency.P90} ms should hide the stall");
        Assert.True(closedLatency.Max > 500, $"closed max {closedLatency.Max} ms should have seen a stall");
        Assert.True(closedLatency.Count > results[0].Counters["requests"], "the closed model ran flat out between stalls");
    }
}
