using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Harness.Platform.Gateway;
using Harness.Platform.Tests.Client;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Tests.Gateway;

/// <summary><c>/async-function/*</c> on a real gateway: 202 + X-Call-Id, the queued call through the normal forwarding path, callbacks, retries on 429, a full queue.</summary>
public sealed class AsyncInvocationTests
{
    private static GatewayOptions Fast(int queueSize = 1000, int concurrency = 4, int maxAttempts = 10) => new()
    {
        Async = new AsyncOptions
        {
            QueueSize = queueSize,
            Concurrency = concurrency,
            MaxAttempts = maxAttempts,
            InitialRetryWait = TimeSpan.FromMilliseconds(5),
            MaxRetryWait = TimeSpan.FromMilliseconds(50),
        },
    };

    private static HttpRequestMessage Async(string path, string body, Uri? callback = null, string? callId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (callback is not null)
        {
            request.Headers.Add("X-Callback-Url", callback.ToString());
        }

        if (callId is not null)
        {
            request.Headers.Add("X-Call-Id", callId);
        }

        return request;
    }

    private static Task<RecordingGateway> CallbackAsync() => RecordingGateway.StartAsync((_, context) =>
    {
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    });

    private static async Task<double> MetricAsync(HttpClient client, string series)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Answers_202_with_a_call_id_then_the_function_runs_and_the_result_is_posted_to_the_callback()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var callback = await CallbackAsync();
        await using var gw = await GatewayFixture.StartAsync(Fast());
        gw.Provider.Add("echo", [upstream.Url]);

        var response = await gw.Anonymous.SendAsync(Async("/async-function/echo/some/path?x=1", "hello", callback.Url));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = response.Headers.GetValues("X-Call-Id").Single();
        Assert.True(Guid.TryParse(callId, out _));
        await Poll.UntilAsync(() => callback.Requests.Count == 1, TimeSpan.FromSeconds(20), "the callback");
        var result = callback.Requests[0];
        Assert.Equal("POST", result.Method);
        Assert.Equal(callId, result.Header("X-Call-Id"));
        Assert.Equal("200", result.Header("X-Function-Status"));
        Assert.Equal("echo", result.Header("X-Function-Name"));
        Assert.True(double.Parse(result.Header("X-Duration-Seconds")!, CultureInfo.InvariantCulture) >= 0);
        Assert.StartsWith("application/json", result.Header("Content-Type")!, StringComparison.Ordinal);
        using var echo = JsonDocument.Parse(result.Body);
        Assert.Equal("POST", echo.RootElement.GetProperty("method").GetString());
        Assert.Equal("/some/path", echo.RootElement.GetProperty("path").GetString());
        Assert.Equal("?x=1", echo.RootElement.GetProperty("query").GetString());
        Assert.Equal("hello", echo.RootElement.GetProperty("body").GetString());
        Assert.Equal(callId, echo.RootElement.GetProperty("callId").GetString());
        Assert.Equal(gw.Platform.Url.Authority, echo.RootElement.GetProperty("forwardedHost").GetString());
        // The queued call went through /function/*, so it is counted like any other invocation.
        Assert.Equal(1, await MetricAsync(gw.Anonymous, "gateway_function_invocation_total{function_name=\"echo.openfaas-fn\",code=\"200\"}"));
        Assert.Equal(1, await MetricAsync(gw.Anonymous, "gateway_async_invocation_total{function_name=\"echo.openfaas-fn\",code=\"200\"}"));
    }

    [Fact]
    public async Task A_429_from_the_function_is_retried_with_backoff_and_the_final_result_is_delivered()
    {
        var calls = 0;
        await using var function = await RecordingGateway.StartAsync(async (_, context) =>
        {
            var call = Interlocked.Increment(ref calls);
            context.Response.StatusCode = call <= 2 ? 429 : 200;
            await context.Response.WriteAsync(call <= 2 ? "Concurrent request limit exceeded." : "done on call " + call);
        });
        await using var callback = await CallbackAsync();
        await using var gw = await GatewayFixture.StartAsync(Fast());
        gw.Provider.Add("busy", [function.Url]);

        var response = await gw.Anonymous.SendAsync(Async("/async-function/busy", "x", callback.Url, callId: "call-7"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("call-7", response.Headers.GetValues("X-Call-Id").Single());
        await Poll.UntilAsync(() => callback.Requests.Count == 1, TimeSpan.FromSeconds(20), "the callback");
        Assert.Equal(3, function.Requests.Count);
        Assert.All(function.Requests, r => Assert.Equal("call-7", r.Header("X-Call-Id")));
        Assert.Equal("200", callback.Requests[0].Header("X-Function-Status"));
        Assert.Equal("3", callback.Requests[0].Header("X-Harness-Attempts"));
        Assert.Equal("done on call 3", callback.Requests[0].BodyText);
        Assert.Equal(2, await MetricAsync(gw.Anonymous, "gateway_async_retries_total{function_name=\"busy.openfaas-fn\"}"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_429_becomes_the_result()
    {
        await using var function = await RecordingGateway.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 429;
            return Task.CompletedTask;
        });
        await using var callback = await CallbackAsync();
        await using var gw = await GatewayFixture.StartAsync(Fast(maxAttempts: 3));
        gw.Provider.Add("busy", [function.Url]);

        var response = await gw.Anonymous.SendAsync(Async("/async-function/busy.openfaas-fn", "x", callback.Url));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Poll.UntilAsync(() => callback.Requests.Count == 1, TimeSpan.FromSeconds(20), "the callback");
        Assert.Equal(3, function.Requests.Count);
        Assert.Equal("429", callback.Requests[0].Header("X-Function-Status"));
        Assert.Equal("busy.openfaas-fn", callback.Requests[0].Header("X-Function-Name"));
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_the_depth_is_a_metric()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync(Fast(queueSize: 1, concurrency: 1));
        gw.Provider.Add("slow", [upstream.Url]);

        // The single worker takes the first call and is held by the function; the second waits in the queue of one.
        var first = await gw.Anonymous.SendAsync(Async("/async-function/slow/hold", "1"));
        await Poll.UntilAsync(() => upstream.Held == 1, TimeSpan.FromSeconds(20), "the worker to hold the first call");
        var second = await gw.Anonymous.SendAsync(Async("/async-function/slow/hold", "2"));
        var third = await gw.Anonymous.SendAsync(Async("/async-function/slow/hold", "3"));
        var depth = await MetricAsync(gw.Anonymous, "gateway_async_queue_depth{function_name=\"slow.openfaas-fn\"}");
        var rejected = await MetricAsync(gw.Anonymous, "gateway_async_rejected_total{function_name=\"slow.openfaas-fn\"}");
        upstream.ReleaseHeld();
        await Poll.UntilAsync(() => upstream.Held == 1 || upstream.Calls == 2, TimeSpan.FromSeconds(20), "the second call");
        upstream.ReleaseHeld();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("1", third.Headers.GetValues("Retry-After").Single());
        Assert.Contains("async queue is full", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, depth);
        Assert.Equal(1, rejected);
    }

    [Fact]
    public async Task Unknown_functions_bad_callbacks_and_other_methods_are_refused()
    {
        await using var gw = await GatewayFixture.StartAsync(Fast());
        gw.Provider.Add("echo", [new Uri("http://127.0.0.1:1/")]);

        var unknown = await gw.Anonymous.SendAsync(Async("/async-function/nope", "x"));
        using var badCallback = Async("/async-function/echo", "x");
        badCallback.Headers.Add("X-Callback-Url", "not a url");
        var bad = await gw.Anonymous.SendAsync(badCallback);
        var get = await gw.Anonymous.GetAsync("/async-function/echo");
        var badName = await gw.Anonymous.SendAsync(Async("/async-function/Bad_Name", "x"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("X-Callback-Url", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badName.StatusCode); // as OpenFaaS, whose route takes [-a-zA-Z_0-9.]+
    }

    [Fact]
    public void Retry_waits_double_up_to_the_cap_and_honour_a_bounded_retry_after()
    {
        var options = new AsyncOptions { InitialRetryWait = TimeSpan.FromMilliseconds(100), MaxRetryWait = TimeSpan.FromSeconds(1) };

        Assert.Equal([100, 200, 400, 800, 1000, 1000], Enumerable.Range(1, 6).Select(a => options.RetryWait(a, null).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.RetryWait(1, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryWait(1, TimeSpan.FromMinutes(5)));
        Assert.Equal(3, new AsyncOptions { QueueSize = 0, Concurrency = 0, MaxAttempts = 0 }.Validate().Count);
    }
}
