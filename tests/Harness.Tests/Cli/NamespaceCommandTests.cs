using System.Text;
using Harness.Platform;
using Harness.Platform.Local;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary><c>harness namespace …</c> against the embedded platform: create, list, get, deploy into it, remove.</summary>
public sealed class NamespaceCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task A_namespace_is_created_listed_described_used_and_removed_once_empty()
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
            ProviderFactory = (context, _) => ValueTask.FromResult<Harness.Platform.Contracts.IFunctionProvider>(new LocalProvider(new LocalProviderOptions
            {
                StateDirectory = context.StateDirectory,
                WatchdogPath = watchdog,
                // Sandboxed as root; unsandboxed, by explicit consent, elsewhere.
                InsecureNoSandbox = !Environment.IsPrivilegedProcess,
                StopGracePeriod = TimeSpan.FromSeconds(3),
            })),
        });
        _cli.Variables["OPENFAAS_URL"] = platform.Url.ToString().TrimEnd('/');
        _cli.Stdin = Encoding.UTF8.GetBytes(platform.Credentials.Password + "\n");
        Assert.Equal(0, (await _cli.RunAsync("login", "-u", platform.Credentials.User, "--password-stdin")).ExitCode);
        _cli.Stdin = [];

        var refused = await _cli.RunAsync("deploy", "--image", "local/echo:1", "--name", "echo", "--fprocess", "cat", "-n", "staging");
        var created = await _cli.RunAsync("namespace", "create", "staging", "-l", "team=x");
        var list = await _cli.RunAsync("namespace", "list");
        var get = await _cli.RunAsync("namespace", "get", "staging");
        var deployed = await _cli.RunAsync("deploy", "--image", "local/echo:1", "--name", "echo", "--fprocess", "cat", "-n", "staging");
        var busy = await _cli.RunAsync("namespace", "remove", "staging");
        var removedFunction = await _cli.RunAsync("remove", "echo", "-n", "staging");
        var removed = await _cli.RunAsync("namespace", "remove", "staging");
        var gone = await _cli.RunAsync("namespace", "get", "staging");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("namespace 'staging' does not exist", refused.Output, StringComparison.Ordinal);
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains(" - staging", list.Output, StringComparison.Ordinal);
        Assert.Contains(" - openfaas-fn", list.Output, StringComparison.Ordinal);
        Assert.True(get.ExitCode == 0, get.Output);
        Assert.Contains("team: x", get.Output, StringComparison.Ordinal);
        Assert.Contains("openfaas: 1", get.Output, StringComparison.Ordinal);
        Assert.True(deployed.ExitCode == 0, deployed.Output);
        Assert.Equal(1, busy.ExitCode);
        Assert.Contains("still has 1 function(s)", busy.Output, StringComparison.Ordinal);
        Assert.Equal(0, removedFunction.ExitCode);
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("namespace staging not found", gone.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_namespace_name_is_exit_2_and_nothing_is_sent()
    {
        await using var gateway = await TestGateway.StartAsync((context, _) => Task.CompletedTask);

        var result = await _cli.RunAsync("namespace", "create", "Bad_Name", "--gateway", gateway.Url);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(gateway.Requests);
    }

    public void Dispose() => _cli.Dispose();
}
