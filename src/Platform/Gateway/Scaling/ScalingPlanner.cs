using System.Globalization;
using Harness.Platform.Stack;

namespace Harness.Platform.Gateway;

/// <summary>One scaling tick for one function, pure apart from the window it is handed: idler first, then the autoscaler.</summary>
internal static class ScalingPlanner
{
    /// <summary>Returns null when the replicas should stay as they are.</summary>
    public static ScalingDecision? Decide(ScalingPolicy policy, FunctionMeasurement m, ScaleDownWindow window, DateTimeOffset now)
    {
        if (Idler.ShouldScaleToZero(policy, m.Replicas, m.InFlight, m.LastActivity, now))
        {
            window.Clear();
            return new ScalingDecision(0, $"no calls for {Format(now - m.LastActivity)} (zero-duration {Format(policy.ZeroDuration)})");
        }

        // A function at zero is woken by the scale-from-zero hold, and one without ready replicas is still starting:
        // neither gives a load per replica to decide from.
        if (!policy.Autoscale || m.Replicas == 0 || m.ReadyReplicas == 0)
        {
            return null;
        }

        var load = policy.Type switch
        {
            ScaleType.Rps => m.RequestsPerSecond,
            ScaleType.Queue => m.Queued,
            _ => m.InFlight,
        };
        var perReplica = load / m.ReadyReplicas;
        var recommended = Autoscaler.Recommend(policy, m.ReadyReplicas, perReplica);
        var replicas = window.Stabilise(now, recommended, policy.DownWindow);
        if (replicas == m.Replicas)
        {
            return null;
        }

        var unit = policy.Type switch
        {
            ScaleType.Rps => "req/s",
            ScaleType.Queue => "queued",
            _ => "in flight",
        };
        return new ScalingDecision(replicas, string.Create(CultureInfo.InvariantCulture,
            $"{perReplica:0.##} {unit} per replica over {m.ReadyReplicas} ready, target {policy.Target:0.##}"));
    }

    private static string Format(TimeSpan t) => t.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#}s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#}m");
}
