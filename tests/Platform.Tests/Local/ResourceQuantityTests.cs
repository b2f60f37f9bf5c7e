using Harness.Platform.Contracts;
using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

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
        Assert.True(ResourceQuantity.TryParseMemoryBytes(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1Mi")]
    [InlineData("12Q")]
    public void Bad_memory_quantities_are_refused(string text) => Assert.False(ResourceQuantity.TryParseMemoryBytes(text, out _));

    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("2", 2.0)]
    [InlineData("100m", 0.1)]
    public void Cpu_quantities_are_cores_or_millicores(string text, double cores)
    {
        Assert.True(ResourceQuantity.TryParseCpuCores(text, out var parsed));
        Assert.Equal(cores, parsed, 6);
    }

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
}
