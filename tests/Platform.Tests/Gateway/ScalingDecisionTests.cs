using Harness.Platform.Gateway;
using Harness.Platform.Stack;


namespace Harness.Platform.Tests.Gateway;

public sealed class ScalingDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ScalingPolicy Policy(params (string Key, string Value)[] labels) =>
        ScalingPolicy.From(labels.ToDictionary(l => l.Key, l => l.Value), TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(2, 45.0, 10)] // 90 req/s over 2 replicas, target 10 × 0.9 = 9 → 10
    [InlineData(1, 9.0, 1)]
    [InlineData(1, 9.1, 2)]
    [InlineData(4, 0.0, 1)] // no load: down to min
    [InlineData(3, 1000.0, 20)] // clamped to max
    public void Recommends_ceil_of_total_load_over_target_times_proportion_clamped(int ready, double perReplica, int expected)
    {
        var policy = Policy(("com.openfaas.scale.target", "10"), ("com.openfaas.scale.max", "20"));
        Assert.Equal(expected, Autoscaler.Recommend(policy, ready, perReplica));
    }

    [Fact]
    public void A_target_proportion_above_1_is_accepted_and_scales_late()
    {
        var errors = new List<string>();
        var policy = ScalingPolicy.From(new Dictionary<string, string>
        {
            ["com.openfaas.scale.target"] = "10",
            ["com.openfaas.scale.max"] = "20",
            ["com.openfaas.scale.target-proportion"] = "1.5",
        }, TimeSpan.FromSeconds(30), errors);

        Assert.Empty(errors);
        Assert.Equal(1.5, policy.TargetProportion);
        Assert.Equal(2, Autoscaler.Recommend(policy, 2, 15.0)); // 30 over a target of 10 × 1.5 = 15 per replica
    }

    [Fact]
    public void Min_label_is_the_floor()
    {
        var policy = Policy(("com.openfaas.scale.min", "3"), ("com.openfaas.scale.max", "8"));
        Assert.Equal(3, Autoscaler.Recommend(policy, 3, 0));
    }

    [Fact]
    public void Labels_parse_with_openfaas_defaults()
    {
        var defaults = Policy();
        Assert.Equal(1, defaults.Min);
        Assert.Equal(20, defaults.Max);
        Assert.Equal(50, defaults.Target);
        Assert.Equal(ScaleType.Rps, defaults.Type);
        Assert.Equal(0.9, defaults.TargetProportion);
        Assert.False(defaults.ScaleToZero);
        Assert.Equal(TimeSpan.FromMinutes(15), defaults.ZeroDuration);
        Assert.False(defaults.Autoscale);

        var custom = Policy(("com.openfaas.scale.type", "capacity"), ("com.openfaas.scale.zero", "true"), ("com.openfaas.scale.zero-duration", "90"));
        Assert.Equal(ScaleType.Capacity, custom.Type);
        Assert.True(custom.ScaleToZero);
        Assert.Equal(TimeSpan.FromSeconds(90), custom.ZeroDuration);
        Assert.True(custom.Autoscale);
        Assert.False(Policy(("com.openfaas.scale.min", "2"), ("com.openfaas.scale.max", "2")).Autoscale);
    }

    [Fact]
    public void Bad_labels_are_all_reported()
    {
        var errors = new List<string>();
        ScalingPolicy.From(new Dictionary<string, string>
        {
            ["com.openfaas.scale.min"] = "5",
            ["com.openfaas.scale.max"] = "2",
            ["com.openfaas.scale.target"] = "-1",
            ["com.openfaas.scale.zero-duration"] = "soon",
        }, TimeSpan.Zero, errors);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Scale_down_waits_for_the_window_but_scale_up_is_immediate()
    {
        var window = new ScaleDownWindow();
        var span = TimeSpan.FromSeconds(30);
        Assert.Equal(6, window.Stabilise(T0, 6, span));
        Assert.Equal(6, window.Stabilise(T0.AddSeconds(10), 1, span));
        Assert.Equal(6, window.Stabilise(T0.AddSeconds(29), 2, span));
        Assert.Equal(2, window.Stabilise(T0.AddSeconds(31), 1, span));
        Assert.Equal(9, window.Stabilise(T0.AddSeconds(32), 9, span));
    }

    [Fact]
    public void Idler_scales_to_zero_only_after_zero_duration_without_calls()
    {
        var policy = Policy(("com.openfaas.scale.zero", "true"), ("com.openfaas.scale.zero-duration", "15m"));
        Assert.False(Idler.ShouldScaleToZero(policy, 1, 0, T0, T0.AddMinutes(14)));
        Assert.True(Idler.ShouldScaleToZero(policy, 1, 0, T0, T0.AddMinutes(15)));
        Assert.False(Idler.ShouldScaleToZero(policy, 1, 1, T0, T0.AddMinutes(20)));
        Assert.False(Idler.ShouldScaleToZero(policy, 0, 0, T0, T0.AddMinutes(20)));
        Assert.False(Idler.ShouldScaleToZero(Policy(), 1, 0, T0, T0.AddDays(1)));
    }

    [Fact]
    public void Planner_uses_in_flight_for_capacity_and_leaves_plain_functions_alone()
    {
        var capacity = Policy(("com.openfaas.scale.type", "capacity"), ("com.openfaas.scale.target", "5"), ("com.openfaas.scale.max", "10"));
        var busy = new FunctionMeasurement(Replicas: 2, ReadyReplicas: 2, InFlight: 20, RequestsPerSecond: 0, LastActivity: T0);
        var decision = ScalingPlanner.Decide(capacity, busy, new ScaleDownWindow(), T0);
        Assert.Equal(5, decision?.Replicas); // 20 in flight / (5 × 0.9) = 4.4 → 5

        Assert.Null(ScalingPlanner.Decide(Policy(), busy, new ScaleDownWindow(), T0));
        Assert.Null(ScalingPlanner.Decide(capacity, busy with { Replicas = 0, ReadyReplicas = 0 }, new ScaleDownWindow(), T0));
    }

    [Fact]
    public void Planner_uses_the_async_queue_for_the_queue_type()
    {
        var queue = Policy(("com.openfaas.scale.type", "queue"), ("com.openfaas.scale.target", "10"), ("com.openfaas.scale.max", "10"));
        var backlog = new FunctionMeasurement(Replicas: 1, ReadyReplicas: 1, InFlight: 1, RequestsPerSecond: 1, LastActivity: T0, Queued: 40);

        Assert.Equal(ScaleType.Queue, queue.Type);
        Assert.Equal(5, ScalingPlanner.Decide(queue, backlog, new ScaleDownWindow(), T0)?.Replicas); // 40 / (10 × 0.9) = 4.4 → 5
        Assert.Null(ScalingPlanner.Decide(queue, backlog with { Queued = 5 }, new ScaleDownWindow(), T0)); // stays at 1
    }
}
