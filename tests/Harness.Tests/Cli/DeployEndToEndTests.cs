using System.Text;
using Harness.Platform;
using Harness.Platform.Gateway;
using Harness.Platform.Local;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary><c>deploy --image --name</c> with faas-cli's flags against the embedded platform with real watchdog replicas.</summary>
public sealed class DeployEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Image_deploy_with_env_then_replace_changes_what_the_replica_sees_and_an_async_call_reaches_the_callback()
    {
        if (!WatchdogLocator.TryFind(out var watchdog))
        {
            output.WriteLine("skipped: no watchdog binary (build src/Platform.Watchdog or set HARNESS_WATCHDOG)");
            return;
        }

        await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Port = 0,
            StateDirectory = Path.Combine(_cli.Home, "state"),
            Gateway = new GatewayOptions { UnreadyHoldTimeout = TimeSpan.FromSeconds(30) },
            ProviderFactory = (context, _) => ValueTask.FromResult<Harness.Platform.Contracts.IFunctionProvider>(new LocalProvider(new LocalProviderOptions
            {
                StateDirectory = context.StateDirectory,
                WatchdogPath = watchdog,
                // Sandboxed as root (the python3 template must run inside it); unsandboxed, by explicit consent, elsewhere.
                InsecureNoSandbox = !Environment.IsPrivilegedProcess,
                StopGracePeriod = TimeSpan.FromSeconds(3),
            })),
        });
        var gateway = platform.Url.ToString().TrimEnd('/');
        _cli.Variables["OPENFAAS_URL"] = gateway;
        _cli.Stdin = Encoding.UTF8.GetBytes(platform.Credentials.Password + "\n");
        Assert.Equal(0, (await _cli.RunAsync("login", "-u", platform.Credentials.User, "--password-stdin")).ExitCode);

        // The watchdog runs `env` per call, so the response body is the environment the replica was given.
        var first = await _cli.RunAsync("deploy", "--image", "local/env:1", "--name", "env", "--fprocess", "env", "-e", "colour=blue", "-l", "tier=gold");
        _cli.Stdin = [];
        var invokeFirst = await _cli.RunAsync("invoke", "env");
        var firstBody = _cli.StdoutText;
        var replace = await _cli.RunAsync("deploy", "--image", "local/env:2", "--name", "env", "--fprocess", "env", "-e", "colour=green", "--replace");
        var invokeSecond = await _cli.RunAsync("invoke", "env");
        var secondBody = _cli.StdoutText;
        var describe = await _cli.RunAsync("describe", "env");

        // Async: the call is queued, run by the worker through the same route, and its result posted to the callback.
        var callbacks = new System.Collections.Concurrent.ConcurrentQueue<(string Status, string Name, string CallId, string Body)>();
        await using var receiver = await TestGateway.StartAsync((context, body) =>
        {
            var h = context.Request.Headers;
            callbacks.Enqueue((h["X-Function-Status"].ToString(), h["X-Function-Name"].ToString(), h["X-Call-Id"].ToString(), body));
            return Task.CompletedTask;
        });
        var queued = await _cli.RunAsync("invoke", "env", "--async", "-H", $"X-Callback-Url={receiver.Url}/done");
        var callId = _cli.StdoutText.Trim();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (callbacks.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        output.WriteLine(first.Output + replace.Output + describe.Output);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, invokeFirst.ExitCode);
        Assert.Contains("colour=blue", firstBody, StringComparison.Ordinal);
        Assert.Equal(0, replace.ExitCode);
        Assert.Equal(0, invokeSecond.ExitCode);
        Assert.Contains("colour=green", secondBody, StringComparison.Ordinal);
        Assert.Contains("local/env:2", describe.Output, StringComparison.Ordinal);
        Assert.Equal(0, queued.ExitCode);
        Assert.True(Guid.TryParse(callId, out _), callId);
        var callback = Assert.Single(callbacks);
        Assert.Equal(("200", "env", callId), (callback.Status, callback.Name, callback.CallId));
        Assert.Contains("colour=green", callback.Body, StringComparison.Ordinal);
        Assert.Contains("Http_X_Call_Id=" + callId, callback.Body, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
