namespace Harness.Load;

/// <summary>Warm-up samples are aggregated apart and kept out of the result.</summary>
internal enum LoadPhase : byte
{
    WarmUp,
    Main,
}
