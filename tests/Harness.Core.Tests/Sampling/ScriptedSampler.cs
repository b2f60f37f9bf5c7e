using Harness.Sampling;

namespace Harness.Core.Tests.Sampling;

/// <summary>A sampler whose next readings (or failure) the test decides: reading n is the value n of series <c>n</c>.</summary>
internal sealed class ScriptedSampler(string name, Func<int, SamplerReading[]> read) : ISampler
{
    private int _calls;

    public string Name => name;

    public ValueTask<IReadOnlyList<SamplerReading>> SampleAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<SamplerReading>>(read(Interlocked.Increment(ref _calls)));
    }
}
