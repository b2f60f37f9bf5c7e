namespace Harness.Load;

/// <summary>From <see cref="AtSeconds"/> on, the closed model runs <see cref="Vus"/> looping virtual users.</summary>
internal readonly record struct VuStep(double AtSeconds, int Vus);
