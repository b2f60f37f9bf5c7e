using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Harness.Platform.Gateway;

namespace Harness.Platform.Tests.Gateway;

public sealed class InvocationTests
{
    private static async Task<JsonElement> EchoAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Forwards_method_path_suffix_query_and_body_and_adds_call_headers()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("echo", [upstream.Url]);

        var response = await gw.Anonymous.PatchAsync("/function/echo/some/path?x=1&y=two", new StringContent("hello", Encoding.UTF8, "text/plain"));
        var echo = await EchoAsync(response);

        Assert.Equal("PATCH", echo.GetProperty("method").GetString());
        Assert.Equal("/some/path", echo.GetProperty("path").GetString());
        Assert.Equal("?x=1&y=two", echo.GetProperty("query").GetString());
        Assert.Equal("hello", echo.GetProperty("body").GetString());
        // As OpenFaaS, which sets Go's r.RemoteAddr: the caller's address and port.
        Assert.Matches(@"^127\.0\.0\.1:[0-9]+$", echo.GetProperty("forwardedFor").GetString());
        Assert.False(string.IsNullOrEmpty(echo.GetProperty("forwardedHost").GetString()));

        var callId = response.Headers.GetValues("X-Call-Id").Single();
        Assert.True(Guid.TryParse(callId, out _));
        Assert.Equal(callId, echo.GetProperty("callId").GetString());
        var start = long.Parse(response.Headers.GetValues("X-Start-Time").Single(), CultureInfo.InvariantCulture);
        Assert.Equal(start.ToString(CultureInfo.InvariantCulture), echo.GetProperty("startTime").GetString());
        var nowNs = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.InRange(start, nowNs - 60_000_000_000L, nowNs);
        Assert.Equal("0", response.Headers.GetValues("X-Harness-Hold-Ms").Single());
        Assert.True(double.Parse(response.Headers.GetValues("X-Harness-Upstream-Ms").Single(), CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task Keeps_a_call_id_the_client_sent_and_serves_the_root_path()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("echo", [upstream.Url]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/function/echo");
        request.Headers.Add("X-Call-Id", "mine-123");
        var response = await gw.Anonymous.SendAsync(request);
        var echo = await EchoAsync(response);

        Assert.Equal("mine-123", echo.GetProperty("callId").GetString());
        Assert.Equal("mine-123", response.Headers.GetValues("X-Call-Id").Single());
        Assert.Equal("/", echo.GetProperty("path").GetString());
        Assert.Equal("/", (await EchoAsync(await gw.Anonymous.GetAsync("/function/echo/"))).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Every_invocation_answer_says_harness_served_it_in_x_served_by()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("echo", [upstream.Url]);

        foreach (var (path, status) in new[] { ("/function/echo", HttpStatusCode.OK), ("/function/nope", HttpStatusCode.NotFound), ("/async-function/echo", HttpStatusCode.Accepted) })
        {
            var response = await gw.Anonymous.PostAsync(path, new StringContent("x"));
            Assert.Equal(status, response.StatusCode);
            Assert.Matches(@"^harness/\d+\.\d+\.\d+", response.Headers.GetValues("X-Served-By").Single());
        }
    }

    [Fact]
    public async Task Name_dot_namespace_picks_the_namespace()
    {
        await using var a = await Upstream.StartAsync("default-ns");
        await using var b = await Upstream.StartAsync("other-ns");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("echo", [a.Url]);
        gw.Provider.Add("echo", [b.Url], ns: "staging");

        Assert.Equal("default-ns", (await EchoAsync(await gw.Anonymous.GetAsync("/function/echo"))).GetProperty("server").GetString());
        Assert.Equal("other-ns", (await EchoAsync(await gw.Anonymous.GetAsync("/function/echo.staging/x"))).GetProperty("server").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Anonymous.GetAsync("/function/echo.nowhere")).StatusCode);
    }

    [Theory]
    [InlineData("/function/UPPER")]
    [InlineData("/function/under_score")]
    [InlineData("/function/Bad_Name.staging/x")]
    [InlineData("/function/echo.Bad_NS")]
    [InlineData("/async-function/UPPER")]
    public async Task A_name_openfaas_routes_but_no_function_can_have_is_404_as_an_unknown_function(string path)
    {
        await using var gw = await GatewayFixture.StartAsync();

        var response = await gw.Anonymous.PostAsync(path, new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("error finding function ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_openfaas_would_not_route_is_400()
    {
        await using var gw = await GatewayFixture.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Anonymous.GetAsync("/function/a!b")).StatusCode);
    }

    [Fact]
    public async Task Upstream_status_codes_pass_through()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("echo", [upstream.Url]);

        var response = await gw.Anonymous.GetAsync("/function/echo/status/418");
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("status from a", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_replica_that_refuses_connections_gives_502_with_a_short_body()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("dead", [new Uri($"http://127.0.0.1:{port}/")]);

        var response = await gw.Anonymous.GetAsync("/function/dead");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Can't reach service for: dead.openfaas-fn", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Call-Id"));
    }

    [Fact]
    public async Task No_ready_replica_after_the_hold_gives_503()
    {
        await using var gw = await GatewayFixture.StartAsync(new() { UnreadyHoldTimeout = TimeSpan.FromMilliseconds(200) });
        gw.Provider.Add("stuck", [new Uri("http://127.0.0.1:1/")], replicas: 1, ready: false);

        var response = await gw.Anonymous.GetAsync("/function/stuck");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("No endpoints available for: stuck.openfaas-fn", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_function_slower_than_the_upstream_timeout_gives_504()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync(new() { UpstreamTimeout = TimeSpan.FromMilliseconds(300) });
        gw.Provider.Add("slow", [upstream.Url]);

        var response = await gw.Anonymous.GetAsync("/function/slow/slow?ms=5000");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("Timeout waiting for: slow.openfaas-fn", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Calls_go_to_the_replica_with_the_fewest_in_flight()
    {
        await using var a = await Upstream.StartAsync("a");
        await using var b = await Upstream.StartAsync("b");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("two", [a.Url, b.Url]);

        var held = gw.Anonymous.GetAsync("/function/two/hold");
        await Poll.UntilAsync(() => a.Held + b.Held == 1, TimeSpan.FromSeconds(10), "one held call");
        var busy = a.Held == 1 ? "a" : "b";

        for (var i = 0; i < 6; i++)
        {
            var echo = await EchoAsync(await gw.Anonymous.GetAsync("/function/two"));
            Assert.NotEqual(busy, echo.GetProperty("server").GetString());
        }

        a.ReleaseHeld();
        b.ReleaseHeld();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
    }

    [Fact]
    public async Task Concurrent_first_calls_to_a_function_at_zero_share_one_scale_up_and_are_all_served()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.ReadyDelay = TimeSpan.FromMilliseconds(300);
        gw.Provider.Add("cold", [upstream.Url], replicas: 0, labels: new Dictionary<string, string> { ["com.openfaas.scale.min"] = "1" });

        var calls = Enumerable.Range(0, 16).Select(_ => gw.Anonymous.GetAsync("/function/cold")).ToArray();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([("cold", "openfaas-fn", 1)], gw.Provider.ScaleCalls);
        var holds = responses.Select(r => double.Parse(r.Headers.GetValues("X-Harness-Hold-Ms").Single(), CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(holds, h => h >= 200);
        Assert.Equal(16, upstream.Calls);
    }

    [Fact]
    public async Task A_held_call_wakes_on_the_providers_readiness_signal_not_on_a_poll()
    {
        await using var upstream = await Upstream.StartAsync("a");
        SignallingProvider? signalling = null;
        // The safety-net poll is an hour: only the signal can release the call before the 20 s hold ends in 503.
        var options = new GatewayOptions { ReadinessFallbackPollInterval = TimeSpan.FromHours(1), ScaleFromZeroTimeout = TimeSpan.FromSeconds(20) };
        await using var gw = await GatewayFixture.StartAsync(options, p => signalling = new SignallingProvider(p));
        gw.Provider.ReadyDelay = TimeSpan.FromMilliseconds(200);
        gw.Provider.Add("cold", [upstream.Url], replicas: 0);

        var call = gw.Anonymous.GetAsync("/function/cold");
        await Poll.UntilAsync(() => signalling!.Waits > 0 && gw.Provider.ResolveAsync("cold", "openfaas-fn", default).Result.Count > 0, TimeSpan.FromSeconds(10), "the replica to be ready while the call waits");
        Assert.False(call.IsCompleted);
        signalling!.Signal();

        var response = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("cold", "openfaas-fn", 1)], gw.Provider.ScaleCalls);
    }

    [Fact]
    public async Task Invocation_counts_appear_in_the_function_list()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("counted", [upstream.Url]);

        for (var i = 0; i < 3; i++)
        {
            await gw.Anonymous.GetAsync("/function/counted");
        }

        using var doc = JsonDocument.Parse(await gw.Admin.GetStringAsync("/system/function/counted"));
        Assert.Equal(3, doc.RootElement.GetProperty("invocationCount").GetDouble());
    }

    [Fact]
    public async Task Metrics_carry_openfaas_names_and_labels()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("measured", [upstream.Url]);
        await gw.Anonymous.GetAsync("/function/measured");
        await gw.Anonymous.GetAsync("/function/measured/status/500");

        var metrics = await gw.Anonymous.GetStringAsync("/metrics");

        Assert.Contains("gateway_function_invocation_total{function_name=\"measured.openfaas-fn\",code=\"200\"} 1", metrics);
        Assert.Contains("gateway_function_invocation_total{function_name=\"measured.openfaas-fn\",code=\"500\"} 1", metrics);
        Assert.Contains("gateway_function_invocation_started{function_name=\"measured.openfaas-fn\"} 2", metrics);
        Assert.Contains("gateway_functions_seconds_bucket{function_name=\"measured.openfaas-fn\",code=\"200\"", metrics);
        Assert.Contains("gateway_service_count{function_name=\"measured.openfaas-fn\"} 1", metrics);
    }

    [Fact]
    public async Task The_autoscaler_scales_up_a_real_function_under_load()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync(new() { ScalingInterval = TimeSpan.FromMilliseconds(100) });
        gw.Provider.Add("hot", [upstream.Url, upstream.Url, upstream.Url, upstream.Url], replicas: 1, labels: new Dictionary<string, string>
        {
            ["com.openfaas.scale.type"] = "capacity",
            ["com.openfaas.scale.target"] = "5",
            ["com.openfaas.scale.max"] = "4",
        });

        var held = Enumerable.Range(0, 10).Select(_ => gw.Anonymous.GetAsync("/function/hot/hold")).ToArray();
        try
        {
            await Poll.UntilAsync(() => upstream.Held == 10, TimeSpan.FromSeconds(10), "10 calls in flight");
            await Poll.UntilAsync(() => gw.Provider.ScaleCalls.Any(c => c.Name == "hot" && c.Replicas >= 2), TimeSpan.FromSeconds(10), "a scale-up");
            Assert.All(gw.Provider.ScaleCalls, c => Assert.InRange(c.Replicas, 2, 4));
        }
        finally
        {
            upstream.ReleaseHeld();
            await Task.WhenAll(held);
        }
    }
}
