namespace Harness.Load;

/// <summary>Samples an event loop handed to the aggregator together: the first <paramref name="Count"/> of <paramref name="Items"/>.</summary>
internal readonly record struct SampleBatch(Sample[] Items, int Count);
