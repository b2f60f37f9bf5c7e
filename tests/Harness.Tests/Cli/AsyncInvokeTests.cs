using Microsoft.AspNetCore.Http;

namespace Harness.Tests.Cli;

/// <summary><c>harness invoke NAME --async</c>: POST to /async-function/, 202 expected, the call id printed alone on stdout.</summary>
public sealed class AsyncInvokeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Async_invoke_posts_to_the_async_route_and_prints_the_call_id()
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/async-function") ? 202 : 404;
            context.Response.Headers["X-Call-Id"] = "abc-123";
            return Task.CompletedTask;
        });
        _cli.Variables["OPENFAAS_URL"] = gateway.Url;
        _cli.Stdin = "{}"u8.ToArray();

        var result = await _cli.RunAsync("invoke", "pay", "-a", "-H", "X-Callback-Url=http://127.0.0.1:9/cb", "-n", "team1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("abc-123\n", _cli.StdoutText);
        Assert.Contains("Function submitted asynchronously.", _cli.Stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(("POST", "/async-function/pay.team1", "{}"), (gateway.Requests[0].Method, gateway.Requests[0].Path, gateway.Requests[0].Body));
    }

    [Fact]
    public async Task Async_invoke_fails_on_anything_but_202()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 429;
            await context.Response.WriteAsync("async queue is full");
        });
        _cli.Variables["OPENFAAS_URL"] = gateway.Url;

        var result = await _cli.RunAsync("invoke", "pay", "--async");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("429", _cli.Stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("async queue is full", _cli.StdoutText, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
