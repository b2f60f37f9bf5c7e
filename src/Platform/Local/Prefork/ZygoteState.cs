namespace Harness.Platform.Local;

/// <summary>Where a zygote is in its life.</summary>
internal enum ZygoteState
{
    Starting,
    Ready,
    Failed,
}
