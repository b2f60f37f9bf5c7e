using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>The cgroup v1 values derived from a function's <c>limits</c>, read by the same parser as <c>validate</c> and the gateway.</summary>
internal sealed record ResourceLimits(long? MemoryBytes, long? CpuQuotaMicros, long CpuPeriodMicros, int PidsMax)
{
    public const long DefaultCpuPeriodMicros = 100_000;

    /// <summary>Collects every invalid quantity rather than stopping at the first.</summary>
    public static ResourceLimits From(FunctionResources? limits, int pidsMax, List<string> errors)
    {
        long? memory = null;
        long? quota = null;
        if (!string.IsNullOrWhiteSpace(limits?.Memory))
        {
            if (Stack.ResourceQuantity.CheckMemory(limits.Memory, limit: true, out var bytes) is { } error)
            {
                errors.Add($"limits.memory: {error}");
            }
            else
            {
                memory = bytes;
            }
        }

        if (!string.IsNullOrWhiteSpace(limits?.Cpu))
        {
            if (Stack.ResourceQuantity.CheckCpu(limits.Cpu, limit: true, out var milli) is { } error)
            {
                errors.Add($"limits.cpu: {error}");
            }
            else
            {
                // The kernel refuses quotas under 1 ms.
                quota = Math.Max(1000, milli * DefaultCpuPeriodMicros / 1000);
            }
        }

        return new ResourceLimits(memory, quota, DefaultCpuPeriodMicros, pidsMax);
    }

    public bool HasUserLimits => MemoryBytes is not null || CpuQuotaMicros is not null;
}
