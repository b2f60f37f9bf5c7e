using System.Text;
using Harness.Platform;
using Harness.Platform.Gateway;
using Harness.Platform.Local;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary>
/// The user's path on the real platform: embedded gateway + local provider + watchdog on loopback, then
/// <c>login</c>, <c>up</c> and <c>invoke</c> through the CLI, with a handler shaped like the article's.
/// </summary>
public sealed class UpEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string Handler = """
        import json

        def handle(req):
            data = json.loads(req)
            if data.get("tx_id", "").startswith("NO"):
                return {"statusCode": 200, "body": {"status": "processed", "tx_id": data["tx_id"]}}
            return {"statusCode": 400, "body": {"error": "only NO transactions"}}
        """;

    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Login_up_and_invoke_against_the_embedded_platform()
    {
        if (!WatchdogLocator.TryFind(out var watchdog))
        {
            output.WriteLine("skipped: no watchdog binary (build src/Platform.Watchdog or set HARNESS_WATCHDOG)");
            return;
        }

        var state = Path.Combine(_cli.Home, "state");
        await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Port = 0,
            StateDirectory = state,
            // A loaded CI machine may take a while to start the first replica: hold the first call instead of a 503.
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
        Directory.CreateDirectory(Path.Combine(_cli.Home, "checkout"));
        File.WriteAllText(Path.Combine(_cli.Home, "checkout", "handler.py"), Handler);
        File.WriteAllText(Path.Combine(_cli.Home, "stack.yml"), $"""
            version: 1.0
            provider:
              name: openfaas
              gateway: {gateway}
            functions:
              checkout:
                lang: python3
                handler: ./checkout
                image: example/checkout:latest
                environment:
                  write_debug: true
                annotations:
                  com.openfaas.security.readonly: true
            """);

        _cli.Stdin = Encoding.UTF8.GetBytes(platform.Credentials.Password + "\n");
        var login = await _cli.RunAsync("login", "-g", gateway, "-u", platform.Credentials.User, "--password-stdin");
        var up = await _cli.RunAsync("up", "-f", "stack.yml");
        output.WriteLine(up.Output);
        _cli.Variables["OPENFAAS_URL"] = gateway;
        var results = new List<(int Code, string Body)>();
        foreach (var body in new[] { """{"tx_id":"NO123"}""", """{"tx_id":"SE1"}""", "not json" })
        {
            _cli.Stdin = Encoding.UTF8.GetBytes(body);
            var invoke = await _cli.RunAsync("invoke", "checkout", "--content-type", "application/json");
            results.Add((invoke.ExitCode, _cli.StdoutText + _cli.Stderr));
        }

        Assert.Equal(0, login.ExitCode);
        Assert.Equal(0, up.ExitCode);
        Assert.Contains($"URL: {gateway}/function/checkout", up.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Home, "build", "checkout", "harness-artifact.json")));
        Assert.Equal(0, results[0].Code);
        Assert.Contains("processed", results[0].Body, StringComparison.Ordinal);
        Assert.Equal(1, results[1].Code);
        Assert.Contains("400", results[1].Body, StringComparison.Ordinal);
        Assert.Equal(1, results[2].Code);
        Assert.Contains("500", results[2].Body, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
