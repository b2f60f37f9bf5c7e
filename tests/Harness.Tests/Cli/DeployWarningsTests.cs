using Harness.Platform;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary><c>harness deploy</c> against the real embedded platform shows the warnings the gateway answered with.</summary>
public sealed class DeployWarningsTests(ITestOutputHelper output) : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Misaligned_timeouts_are_printed_as_warnings_after_the_deploy()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            output.WriteLine("skipped: no watchdog binary (run ./build.sh or build src/Platform.Watchdog)");
            return;
        }

        await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = Path.Combine(_cli.Home, "state") });
        var url = platform.Url.ToString().TrimEnd('/');
        File.WriteAllText(Path.Combine(_cli.Home, "stack.yml"), $"""
            version: 1.0
            provider: {"{"}name: openfaas, gateway: "{url}"{"}"}
            functions:
              slow:
                image: test/slow:1
                fprocess: cat
                skip_build: true
                environment:
                  write_timeout: 120s
            """);
        _cli.Variables["OPENFAAS_URL"] = url;
        Directory.CreateDirectory(Path.Combine(_cli.Home, ".openfaas"));
        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{platform.Credentials.User}:{platform.Credentials.Password}"));
        File.WriteAllText(_cli.ConfigFile, $"auths:\n- gateway: {url}\n  auth: basic\n  token: {token}\n");

        var result = await _cli.RunAsync("deploy", "-f", "stack.yml");

        Assert.True(result.ExitCode == 0, result.Output);
        var flat = result.Output.Replace("\n", " ", StringComparison.Ordinal);
        Assert.Contains("warning slow: write_timeout 120s is longer than the gateway's upstream timeout 60s", flat, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
