using Harness.Platform.Contracts;
using Harness.Platform.Local;
using Harness.Platform.Stack;

namespace Harness.Platform.Tests.Local;

/// <summary>The one quantity parser shared by validate, the gateway and the local provider.</summary>
public sealed class ResourceQuantityTests
{
    [Theory]
    [InlineData("128m", 128L * 1024 * 1024)]
    [InlineData("128Mi", 128L * 1024 * 1024)]
    [InlineData("1Gi", 1024L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1G", 1_000_000_000L)]
    [InlineData("500M", 500_000_000L)]
    [InlineData("64Ki", 65536L)]
    [InlineData("1.5Gi", 1610612736L)]
    [InlineData("1048576", 1048576L)]
    public void Memory_quantities_parse_as_stack_files_mean_them(string text, long bytes)
    {
        Assert.Null(ResourceQuantity.CheckMemory(text, limit: false, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("", "not a memory quantity")]
    [InlineData("lots", "not a memory quantity")]
    [InlineData("-1Mi", "not a memory quantity")]
    [InlineData("12Q", "not a memory quantity")]
    [InlineData("99999999999999999999Gi", "too large")]
    [InlineData("99999999999999999999999999999999999999", "too large")]
    [InlineData("1", "under the minimum memory limit of 6Mi")]
    [InlineData("5Mi", "under the minimum memory limit of 6Mi")]
    public void Bad_memory_limits_are_refused_with_the_reason(string text, string reason)
    {
        var error = ResourceQuantity.CheckMemory(text, limit: true, out _);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500m", 500)]
    [InlineData("0.5", 500)]
    [InlineData("2", 2000)]
    [InlineData("100m", 100)]
    public void Cpu_quantities_are_cores_or_millicores(string text, long milli)
    {
        Assert.Null(ResourceQuantity.CheckCpu(text, limit: true, out var parsed));
        Assert.Equal(milli, parsed);
    }

    [Theory]
    [InlineData("0", "minimum CPU limit")]
    [InlineData("1m", "minimum CPU limit")]
    [InlineData("99999999999999999999", "not a CPU quantity")]
    public void Bad_cpu_limits_are_refused(string text, string reason) => Assert.Contains(reason, ResourceQuantity.CheckCpu(text, limit: true, out _), StringComparison.Ordinal);

    [Fact]
    public void Limits_collect_every_error_and_turn_cpu_into_a_cfs_quota()
    {
        var errors = new List<string>();
        var bad = ResourceLimits.From(new FunctionResources { Memory = "x", Cpu = "y" }, 100, errors);
        Assert.Equal(2, errors.Count);
        Assert.False(bad.HasUserLimits);

        var ok = ResourceLimits.From(new FunctionResources { Memory = "128m", Cpu = "250m" }, 100, errors = []);
        Assert.Empty(errors);
        Assert.Equal(25_000, ok.CpuQuotaMicros);
        Assert.Equal(100_000, ok.CpuPeriodMicros);
        Assert.Equal(128L * 1024 * 1024, ok.MemoryBytes);
        Assert.Equal(100, ok.PidsMax);
    }

    [Theory]
    [InlineData("99999999999999999999Gi", "0.5")]
    [InlineData("1", "0.5")]
    [InlineData("128Mi", "0")]
    public void The_gateway_and_the_stack_validator_refuse_the_same_limits(string memory, string cpu)
    {
        var gateway = Harness.Platform.Gateway.DeploymentValidator.Validate(new FunctionDeployment { Service = "f", Image = "f", Limits = new FunctionResources { Memory = memory, Cpu = cpu } });
        var stack = new StackFileParser(new Dictionary<string, string>()).Parse($"version: 1.0\nprovider: {{name: openfaas}}\nfunctions:\n  f:\n    image: f\n    limits: {{memory: \"{memory}\", cpu: \"{cpu}\"}}\n", "stack.yml");
        Assert.Single(gateway);
        Assert.Contains(stack.Errors, d => d.Field.StartsWith("functions.f.limits.", StringComparison.Ordinal));
    }
}
