using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>The cgroup v1 values derived from a function's <c>limits</c>.</summary>
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
            if (ResourceQuantity.TryParseMemoryBytes(limits.Memory, out var bytes))
            {
                memory = bytes;
            }
            else
            {
                errors.Add($"limits.memory: '{limits.Memory}' is not a memory quantity (for example 128Mi, 128m, 1G)");
            }
        }

        if (!string.IsNullOrWhiteSpace(limits?.Cpu))
        {
            if (ResourceQuantity.TryParseCpuCores(limits.Cpu, out var cores))
            {
                // The kernel refuses quotas under 1 ms.
                quota = Math.Max(1000, (long)Math.Round(cores * DefaultCpuPeriodMicros));
            }
            else
            {
                errors.Add($"limits.cpu: '{limits.Cpu}' is not a CPU quantity (for example 500m, 0.5, 2)");
            }
        }

        return new ResourceLimits(memory, quota, DefaultCpuPeriodMicros, pidsMax);
    }

    public bool HasUserLimits => MemoryBytes is not null || CpuQuotaMicros is not null;
}
