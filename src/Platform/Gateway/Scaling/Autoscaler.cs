using Harness.Platform.Stack;

namespace Harness.Platform.Gateway;

/// <summary>The autoscaling formula, pure: measurements in, replicas out.</summary>
internal static class Autoscaler
{
    /// <summary><c>desired = ceil(ready × loadPerReplica / (target × proportion))</c>, clamped to [min, max].</summary>
    public static int Recommend(ScalingPolicy policy, int readyReplicas, double loadPerReplica)
    {
        if (readyReplicas <= 0)
        {
            return Math.Max(policy.Min, 0);
        }

        var total = readyReplicas * Math.Max(0, loadPerReplica);
        var raw = Math.Ceiling(total / (policy.Target * policy.TargetProportion));
        var desired = raw > int.MaxValue ? int.MaxValue : (int)raw;
        return Math.Clamp(desired, Math.Max(policy.Min, 1), Math.Max(policy.Max, 1));
    }
}
