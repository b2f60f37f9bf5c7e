using Harness.Bench;
using Harness.Cli.Bench;
using Harness.Tests.Cli;

namespace Harness.Tests.Bench;

public sealed class BenchGatewayCommandTests
{
    [Fact]
    public void OpenFaaS_binaries_come_all_three_or_none_and_a_missing_one_is_named()
    {
        Assert.Equal((null, null), new BenchGatewaySettings().OpenFaas());

        var (binaries, error) = new BenchGatewaySettings { OpenFaasGateway = "/g" }.OpenFaas();
        Assert.Null(binaries);
        Assert.Contains("missing --openfaas-provider, --of-watchdog", error, StringComparison.Ordinal);

        Assert.Equal(new OpenFaasChainBinaries("/g", "/p", "/w"),
            new BenchGatewaySettings { OpenFaasGateway = "/g", OpenFaasProvider = "/p", OfWatchdog = "/w" }.OpenFaas().Binaries);
    }

    [Fact]
    public void Options_name_every_OpenFaaS_binary_that_does_not_exist()
    {
        var errors = new GatewayBenchOptions { OpenFaas = new OpenFaasChainBinaries("/nonexistent/gateway", "/nonexistent/provider", "/bin/sh") }.Validate();

        Assert.Equal(["--openfaas-gateway: /nonexistent/gateway does not exist", "--openfaas-provider: /nonexistent/provider does not exist"], errors);
    }

    [Fact]
    public async Task Bad_flags_exit_2_before_anything_starts()
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync("bench", "gateway", "--duration", "soon", "--openfaas-gateway", "/nonexistent/gateway");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--duration: 'soon' is not a duration", result.Output, StringComparison.Ordinal);
        Assert.Contains("missing --openfaas-provider, --of-watchdog", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warm-up", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_all_refuses_a_missing_OpenFaaS_binary_before_the_first_bench()
    {
        Assert.Equal(Harness.Cli.ExitCodes.UsageError, await Harness.Cli.App.HarnessApp.RunAsync(
            ["bench", "all", "--openfaas-gateway", "/nonexistent/gateway", "--openfaas-provider", "/bin/sh", "--of-watchdog", "/bin/sh"]));
    }
}
