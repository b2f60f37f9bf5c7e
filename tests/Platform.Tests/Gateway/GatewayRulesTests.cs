using Harness.Platform.Contracts;
using Harness.Platform.Gateway;

namespace Harness.Platform.Tests.Gateway;

public sealed class GatewayRulesTests
{
    [Theory]
    [InlineData("echo", "echo", "openfaas-fn")]
    [InlineData("echo.staging", "echo", "staging")]
    [InlineData("my-fn.dev", "my-fn", "dev")]
    public void Route_names_split_on_the_last_dot(string route, string name, string ns)
    {
        Assert.True(FunctionNames.TryParse(route, null, out var key, out _));
        Assert.Equal(new FunctionKey(name, ns), key);
    }

    [Theory]
    [InlineData("Echo")]
    [InlineData("echo.")]
    [InlineData(".ns")]
    [InlineData("-echo")]
    [InlineData("a_b")]
    public void Invalid_route_names_are_rejected(string route) => Assert.False(FunctionNames.TryParse(route, null, out _, out _));

    [Fact]
    public void Aligned_timeouts_give_no_warning()
    {
        var d = new FunctionDeployment { Service = "f", Image = "i", EnvVars = new Dictionary<string, string> { ["write_timeout"] = "30s", ["exec_timeout"] = "25s", ["read_timeout"] = "30" } };
        Assert.Empty(TimeoutConsistency.Check(d, TimeSpan.FromSeconds(60)));
        Assert.Empty(TimeoutConsistency.Check(d with { EnvVars = null }, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Each_misaligned_hop_gets_its_own_warning()
    {
        var d = new FunctionDeployment { Service = "f", Image = "i", EnvVars = new Dictionary<string, string> { ["write_timeout"] = "90s", ["exec_timeout"] = "2m", ["read_timeout"] = "bad" } };
        var warnings = TimeoutConsistency.Check(d, TimeSpan.FromSeconds(60));
        Assert.Contains(warnings, w => w.StartsWith("read_timeout 'bad'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("write_timeout 90s", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("exec_timeout 120s", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_collects_every_error()
    {
        var d = new FunctionDeployment
        {
            Service = "Bad_Name",
            Image = "",
            Namespace = "NS",
            Secrets = ["ok", "Not_Ok"],
            Limits = new FunctionResources { Memory = "lots" },
        };
        var errors = DeploymentValidator.Validate(d);
        Assert.Equal(5, errors.Count);
        Assert.Empty(DeploymentValidator.Validate(new FunctionDeployment { Service = "ok", Image = "i", Limits = new FunctionResources { Memory = "128Mi", Cpu = "500m" } }));
    }
}
