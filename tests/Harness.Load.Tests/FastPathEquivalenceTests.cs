using Harness.Load;
using Harness.Results;

namespace Harness.Load.Tests;

/// <summary>The raw-socket fast path and the HttpClient path, against the same loopback servers, count the same things.</summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly string[] Compared =
        ["requests", "errors", "bytes_received", "status_200", "status_503", "error_http", "error_timeout", "error_connection_refused", "error_reset", "error_other"];

    [Theory]
    [InlineData("ok", 10, 0, "status_200", 50)]
    [InlineData("chunked", 10, 0, "status_200", 110)]
    [InlineData("eof", 10, 0, "status_200", 100)]
    [InlineData("error", 10, 10, "error_http", 40)]
    [InlineData("close", 10, 10, "error_reset", 0)]
    [InlineData("reset", 10, 10, "error_reset", 0)]
    [InlineData("hang", 4, 4, "error_timeout", 0)]
    public async Task Both_paths_give_the_same_counters_and_error_kinds(string path, long requests, long errors, string counter, long bytes)
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, path) };

        // Only /hang needs a short timeout; elsewhere a loaded machine must not turn a reset into a timeout.
        var timeout = path == "hang" ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(10);
        var fast = await RunAsync(spec, fastPath: true, requests, timeout: timeout);
        var client = await RunAsync(spec, fastPath: false, requests, timeout: timeout);

        if (path == "close")
        {
            // A server that closes without answering: HttpClient reports most such requests as a premature end (reset)
            // but, depending on when the close lands, some as another kind; both paths must still fail every one.
            Assert.Equal(client.Counters["errors"], fast.Counters["errors"]);
            Assert.Equal(client.Counters["requests"], fast.Counters["requests"]);
        }
        else
        {
            Assert.Equal(Pick(client), Pick(fast));
        }

        Assert.Equal(requests, fast.Counters["requests"]);
        Assert.Equal(errors, fast.Counters["errors"]);
        Assert.Equal(requests, fast.Counters[counter]);
        Assert.Equal(bytes, fast.Counters.GetValueOrDefault("bytes_received"));
    }

    [Fact]
    public async Task Connection_refused_is_counted_alike()
    {
        // Held for the test: a picked free port could be taken by another test's server meanwhile and count its connections.
        using var refused = new RefusedPort();
        var spec = new HttpRequestSpec { Url = new Uri($"http://127.0.0.1:{refused.Port}/ok") };

        var fast = await RunAsync(spec, fastPath: true, 6);
        var client = await RunAsync(spec, fastPath: false, 6);

        Assert.Equal(Pick(client), Pick(fast));
        Assert.Equal(6, fast.Counters["error_connection_refused"]);
    }

    [Fact]
    public async Task Both_paths_send_the_same_request_head()
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec
        {
            Url = new Uri(server.Url, "ok?q=1"),
            Method = "POST",
            Body = "harness",
            Headers = new Dictionary<string, string> { ["X-Test"] = "yes" },
        };

        await RunAsync(spec, fastPath: true, 1);
        await RunAsync(spec, fastPath: false, 1);

        var heads = server.Requests.Select(r => r.Head.Split("\r\n").Order(StringComparer.OrdinalIgnoreCase).ToList()).ToList();
        Assert.Equal(2, heads.Count);
        Assert.Equal(heads[1], heads[0], StringComparer.OrdinalIgnoreCase);
        Assert.Contains("POST /ok?q=1 HTTP/1.1", heads[0]);
    }

    [Fact]
    public async Task Keep_alive_reuses_the_pool_and_new_per_request_opens_one_connection_each()
    {
        await using var server = ScriptedHttpServer.Start();
        var spec = new HttpRequestSpec { Url = new Uri(server.Url, "ok") };

        await RunAsync(spec, fastPath: true, 20, ConnectionPolicy.KeepAlive(2));
        // At most the pool: one VU may take all 20 iterations before the other starts on a loaded machine.
        var pooled = server.Accepted;
        Assert.InRange(pooled, 1, 2);
        await RunAsync(spec, fastPath: true, 20, ConnectionPolicy.NewConnectionPerRequest());
        Assert.Equal(pooled + 20, server.Accepted);
        Assert.All(server.Requests.Skip(20), r => Assert.Contains("Connection: close", r.Head, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://127.0.0.1/", "https")]
    [InlineData("http://user:pw@127.0.0.1/", "credentials")]
    public void Requests_the_fast_path_cannot_carry_fall_back_to_HttpClient(string url, string reason)
    {
        using var step = FixedRequestStep.Create(new HttpRequestSpec { Url = new Uri(url) }, ConnectionPolicy.Default);

        Assert.False(step.IsFastPath);
        Assert.Contains(reason, step.FallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_HttpClient_owns_falls_back()
    {
        var spec = new HttpRequestSpec { Url = new Uri("http://127.0.0.1/"), Headers = new Dictionary<string, string> { ["Host"] = "other" } };

        Assert.Contains("Host", RawHttpStep.Unsupported(spec), StringComparison.Ordinal);
    }

    private static SortedDictionary<string, long> Pick(ScenarioResult r) => new(Compared.ToDictionary(k => k, k => r.Counters.GetValueOrDefault(k)), StringComparer.Ordinal);

    private static async Task<ScenarioResult> RunAsync(HttpRequestSpec spec, bool fastPath, long iterations, ConnectionPolicy? policy = null, TimeSpan? timeout = null)
    {
        policy ??= ConnectionPolicy.KeepAlive(2);
        using var step = FixedRequestStep.Create(spec, policy, allowFastPath: fastPath);
        Assert.Equal(fastPath, step.IsFastPath);
        // Two VUs and an iteration bound: the counts do not depend on how fast the machine is.
        var scenario = Scenario.Create(fastPath ? "fast" : "httpclient", step.InvokeAsync)
            .WithLoadSimulations(Simulation.KeepConstant(2, TimeSpan.FromSeconds(60)))
            .WithMaxIterations(iterations)
            // Only /hang asks for a short timeout: on a loaded machine (the first request also compiles the path) 300 ms can pass.
            .WithRequestTimeout(timeout ?? TimeSpan.FromSeconds(10));
        return await LoadRunner.RunScenarioAsync(scenario, new LoadRunOptions(), CancellationToken.None);
    }
}
