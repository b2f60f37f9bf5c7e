using Harness.Load;
using Harness.Results;

namespace Harness.Load.Tests;

/// <summary>
/// The fast path's epoll event loop against loopback servers: it must count what the async-socket path and HttpClient
/// count (statuses, bodies, error kinds), reuse connections as the pool says, and keep an open model's plan.
/// </summary>
public sealed class EventLoopTests
{
    private static readonly string[] Compared =
        ["requests", "errors", "bytes_received", "status_200", "status_201", "status_204", "status_404", "status_503",
         "error_http", "error_timeout", "error_connection_refused", "error_reset", "error_other"];

    public enum Path
    {
        EventLoop,
        AsyncSockets,
        HttpClient,
    }

    [Theory]
    [InlineData("ok", 0, "status_200", 5)]
    [InlineData("chunked", 0, "status_200", 11)]
    [InlineData("eof", 0, "status_200", 10)]
    [InlineData("big", 0, "status_200", 100_000)]
    [InlineData("trickle", 0, "status_200", 5)]
    [InlineData("nocontent", 0, "status_204", 0)]
    [InlineData("continue", 0, "status_201", 3)]
    [InlineData("missing", 1, "status_404", 0)]
    [InlineData("error", 1, "status_503", 4)]
    [InlineData("reset", 1, "error_reset", 0)]
    public async Task The_event_loop_counts_statuses_bodies_and_errors_as_the_other_paths(string path, int failsPerRequest, string counter, long bytesPerRequest)
    {
        const long requests = 12;
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, path) };

        var loop = await RunAsync(spec, Path.EventLoop, requests);
        var sockets = await RunAsync(spec, Path.AsyncSockets, requests);
        var client = await RunAsync(spec, Path.HttpClient, requests);

        Assert.Equal(Pick(sockets), Pick(loop));
        Assert.Equal(Pick(client), Pick(loop));
        Assert.Equal(requests, loop.Counters["requests"]);
        Assert.Equal(requests * failsPerRequest, loop.Counters["errors"]);
        Assert.Equal(requests, loop.Counters[counter]);
        Assert.Equal(requests * bytesPerRequest, loop.Counters.GetValueOrDefault("bytes_received"));
    }

    [Fact]
    public async Task A_server_that_closes_without_answering_fails_every_request_as_a_reset()
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, "close") };

        var loop = await RunAsync(spec, Path.EventLoop, 10);

        Assert.Equal(10, loop.Counters["requests"]);
        Assert.Equal(10, loop.Counters["errors"]);
        Assert.Equal(10, loop.Counters["error_reset"]);
    }

    [Fact]
    public async Task A_request_past_its_timeout_is_counted_as_a_timeout()
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, "hang") };

        var loop = await RunAsync(spec, Path.EventLoop, 4, timeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal(4, loop.Counters["requests"]);
        Assert.Equal(4, loop.Counters["error_timeout"]);
        // Each timed-out connection is closed and the next request opens its own.
        Assert.Equal(4, server.Accepted);
    }

    [Fact]
    public async Task Nothing_listening_is_connection_refused()
    {
        // Held for the test: a picked free port could be taken by another test's server meanwhile and count its connections.
        using var refused = new RefusedPort();
        var spec = new HttpRequestSpec { Url = new Uri($"http://127.0.0.1:{refused.Port}/ok") };

        var loop = await RunAsync(spec, Path.EventLoop, 8);

        Assert.Equal(8, loop.Counters["requests"]);
        Assert.Equal(8, loop.Counters["error_connection_refused"]);
    }

    [Fact]
    public async Task Keep_alive_reuses_the_pool_and_new_per_request_opens_a_connection_each()
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, "ok") };

        var pooled = await RunAsync(spec, Path.EventLoop, 40, ConnectionPolicy.KeepAlive(2));
        // At most the pool (each loop owns one of the two): one VU may take all 40 iterations before the other starts.
        var accepted = server.Accepted;
        Assert.InRange(accepted, 1, 2);
        var fresh = await RunAsync(spec, Path.EventLoop, 40, ConnectionPolicy.NewConnectionPerRequest());

        Assert.Equal(accepted + 40, server.Accepted);
        Assert.Equal(0, pooled.Counters["errors"] + fresh.Counters["errors"]);
        Assert.All(server.Requests.Skip(40), r => Assert.Contains("Connection: close", r.Head, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fewer_connections_than_vus_make_the_vus_wait_for_one()
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, "ok") };

        var result = await RunAsync(spec, Path.EventLoop, 60, ConnectionPolicy.KeepAlive(2), vus: 6);

        Assert.Equal(60, result.Counters["requests"]);
        Assert.Equal(0, result.Counters["errors"]);
        Assert.InRange(server.Accepted, 1, 2);
    }

    [Fact]
    public async Task A_pooled_connection_the_server_closed_is_replaced_without_an_error()
    {
        // The server answers with keep-alive framing and then closes: every request needs a new connection, none fails.
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, "once") };

        var result = await RunAsync(spec, Path.EventLoop, 20);

        Assert.Equal(20, result.Counters["requests"]);
        Assert.Equal(0, result.Counters["errors"]);
        Assert.Equal(20, server.Accepted);
    }

    [Fact]
    public async Task An_open_model_sends_every_planned_arrival()
    {
        await using var server = ScriptedHttpServer.Start();
        using var step = FixedRequestStep.Create(new HttpRequestSpec { Url = new Uri(server.Url, "ok") }, ConnectionPolicy.KeepAlive(4));
        var scenario = Scenario.Create("open", step.InvokeAsync)
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithRequestTimeout(TimeSpan.FromSeconds(10));
        var options = new LoadRunOptions();
        Assert.True(LoadRunner.UsesEventLoop(scenario, options));

        var result = await LoadRunner.RunScenarioAsync(scenario, options, CancellationToken.None);

        Assert.Equal(100, result.Counters["planned_iterations"]);
        Assert.Equal(100, result.Counters["requests"]);
        Assert.Equal(100, result.Counters["status_200"]);
        Assert.Equal(0, result.Counters["dropped_iterations"]);
        Assert.Equal(100, server.Requests.Count);
        Assert.True(result.Counters["vus_max"] >= 1);
    }

    [Fact]
    public async Task An_open_model_drops_arrivals_beyond_its_vus_and_counts_them()
    {
        await using var server = ScriptedHttpServer.Start();
        using var step = FixedRequestStep.Create(new HttpRequestSpec { Url = new Uri(server.Url, "hang") }, ConnectionPolicy.KeepAlive(10));
        // 50 arrivals in 1 s, each hanging for its 400 ms timeout, with at most 2 in flight: most are dropped.
        var scenario = Scenario.Create("drops", step.InvokeAsync)
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithRequestTimeout(TimeSpan.FromMilliseconds(400))
            .WithMaxVus(2);
        var options = new LoadRunOptions();
        Assert.True(LoadRunner.UsesEventLoop(scenario, options));

        var result = await LoadRunner.RunScenarioAsync(scenario, options, CancellationToken.None);

        var dropped = result.Counters["dropped_iterations"];
        Assert.Equal(50, result.Counters["requests"] + dropped);
        Assert.True(dropped > 0);
        Assert.Equal(result.Counters["requests"], result.Counters["error_timeout"]);
        Assert.True(result.Counters["vus_max"] <= 2);
    }

    [Fact]
    public async Task A_stopped_run_is_interrupted_and_accounts_for_every_iteration()
    {
        await using var server = ScriptedHttpServer.Start();
        using var step = FixedRequestStep.Create(new HttpRequestSpec { Url = new Uri(server.Url, "hang") }, ConnectionPolicy.KeepAlive(3));
        var scenario = Scenario.Create("stopped", step.InvokeAsync)
            .WithLoadSimulations(Simulation.KeepConstant(3, TimeSpan.FromMinutes(5)))
            .WithRequestTimeout(TimeSpan.FromMinutes(1));
        using var stop = new CancellationTokenSource();
        var run = LoadRunner.RunScenarioAsync(scenario, new LoadRunOptions(), stop.Token);
        await Poll.UntilAsync(() => server.Requests.Count >= 3, TimeSpan.FromSeconds(30), "three requests hanging on the server");

        await stop.CancelAsync();
        var result = await run;

        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.Equal(3, result.Counters["interrupted_iterations"]);
        Assert.Equal(0, result.Counters["requests"]);
    }

    [Fact]
    public void A_host_name_or_a_test_clock_keeps_the_async_socket_path()
    {
        using var named = FixedRequestStep.Create(new HttpRequestSpec { Url = new Uri("http://localhost:1/") }, ConnectionPolicy.Default);
        using var ip = FixedRequestStep.Create(new HttpRequestSpec { Url = new Uri("http://127.0.0.1:1/") }, ConnectionPolicy.Default);
        var byName = Scenario.Create("named", named.InvokeAsync).WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(1)));
        var byIp = Scenario.Create("ip", ip.InvokeAsync).WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(1)));
        var wrapped = Scenario.Create("wrapped", ctx => ip.InvokeAsync(ctx)).WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(1)));

        Assert.False(LoadRunner.UsesEventLoop(byName, new LoadRunOptions()));
        Assert.Contains("host name", named.Describe(), StringComparison.Ordinal);
        Assert.True(LoadRunner.UsesEventLoop(byIp, new LoadRunOptions()));
        Assert.Contains("epoll event loop", ip.Describe(), StringComparison.Ordinal);
        Assert.False(LoadRunner.UsesEventLoop(byIp, new LoadRunOptions { Time = new WatchedFakeTime() }));
        Assert.False(LoadRunner.UsesEventLoop(byIp, new LoadRunOptions { EventLoop = false }));
        Assert.False(LoadRunner.UsesEventLoop(wrapped, new LoadRunOptions()));
    }

    private static SortedDictionary<string, long> Pick(ScenarioResult r) => new(Compared.ToDictionary(k => k, k => r.Counters.GetValueOrDefault(k)), StringComparer.Ordinal);

    private static async Task<ScenarioResult> RunAsync(HttpRequestSpec spec, Path path, long iterations, ConnectionPolicy? policy = null, TimeSpan? timeout = null, int vus = 2)
    {
        policy ??= ConnectionPolicy.KeepAlive(2);
        using var step = FixedRequestStep.Create(spec, policy, allowFastPath: path != Path.HttpClient);
        // VUs and an iteration bound: the counts do not depend on how fast the machine is. A long timeout, so a loaded
        // machine does not turn a reset into a timeout.
        var scenario = Scenario.Create(path.ToString(), step.InvokeAsync)
            .WithLoadSimulations(Simulation.KeepConstant(vus, TimeSpan.FromSeconds(60)))
            .WithMaxIterations(iterations)
            .WithRequestTimeout(timeout ?? TimeSpan.FromSeconds(10));
        var options = new LoadRunOptions { EventLoop = path == Path.EventLoop };
        Assert.Equal(path == Path.EventLoop, LoadRunner.UsesEventLoop(scenario, options));
        return await LoadRunner.RunScenarioAsync(scenario, options, CancellationToken.None);
    }
}
