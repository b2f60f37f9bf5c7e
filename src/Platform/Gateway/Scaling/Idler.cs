using Harness.Platform.Stack;

namespace Harness.Platform.Gateway;

/// <summary>The scale-to-zero rule, pure: a function that opted in and saw no call for its zero-duration goes to 0.</summary>
internal static class Idler
{
    public static bool ShouldScaleToZero(ScalingPolicy policy, int replicas, int inFlight, DateTimeOffset lastActivity, DateTimeOffset now) =>
        policy.ScaleToZero && replicas > 0 && inFlight == 0 && now - lastActivity >= policy.ZeroDuration;
}
