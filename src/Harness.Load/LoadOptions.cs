namespace Harness.Load;

/// <summary>A k6-style executor configuration, as written in a scenario file's <c>load:</c> section.</summary>
public sealed record LoadOptions
{
    /// <summary>The k6 executor.</summary>
    public required LoadModel Model { get; init; }
    /// <summary>Iterations per <see cref="TimeUnit"/> (constant-arrival-rate).</summary>
    public double? Rate { get; init; }
    /// <summary>The period <see cref="Rate"/> and stage targets of open models count in; 1 s by default.</summary>
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Starting rate per <see cref="TimeUnit"/> (ramping-arrival-rate).</summary>
    public double StartRate { get; init; }
    /// <summary>Looping virtual users (constant-vus).</summary>
    public int? Vus { get; init; }
    /// <summary>Starting VUs (ramping-vus); k6's default is 1.</summary>
    public int StartVus { get; init; } = 1;
    /// <summary>The stages of the ramping models.</summary>
    public IReadOnlyList<LoadStage> Stages { get; init; } = [];
    /// <summary>How long the constant models run.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Stop after this many iterations; with a duration, whichever comes first.</summary>
    public long? Iterations { get; init; }
    /// <summary>VUs an open model starts with (k6's preAllocatedVUs).</summary>
    public int PreAllocatedVus { get; init; } = LoadDefaults.PreAllocatedVus;
    /// <summary>Most concurrent iterations an open model may run (k6's maxVUs); null for the default.</summary>
    public int? MaxVus { get; init; }
    /// <summary>Load run first and kept out of the result.</summary>
    public TimeSpan WarmUp { get; init; }
    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = LoadDefaults.Timeout;

    /// <summary>Every problem with this configuration, by k6 field name (empty when valid).</summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var errors = new List<ConfigError>();
        var open = Model.IsOpen();
        var ramping = Model is LoadModel.RampingArrivalRate or LoadModel.RampingVus;

        if (ramping)
        {
            if (Stages.Count == 0)
            {
                errors.Add(new("stages", $"{Model.ToName()} needs at least one stage"));
            }

            if (Duration is not null)
            {
                errors.Add(new("duration", $"{Model.ToName()} takes its length from stages; remove duration"));
            }

            for (var i = 0; i < Stages.Count; i++)
            {
                if (Stages[i].Duration < TimeSpan.Zero)
                {
                    errors.Add(new($"stages[{i}].duration", "must not be negative"));
                }

                if (Stages[i].Target < 0 || double.IsNaN(Stages[i].Target))
                {
                    errors.Add(new($"stages[{i}].target", "must be >= 0"));
                }
            }

            if (Stages.Count > 0 && Stages.All(s => s.Duration <= TimeSpan.Zero))
            {
                errors.Add(new("stages", "the stages add up to no time"));
            }
        }
        else
        {
            if (Stages.Count > 0)
            {
                errors.Add(new("stages", $"{Model.ToName()} does not take stages; use ramping-{(open ? "arrival-rate" : "vus")}"));
            }

            if (Duration is null && Iterations is null)
            {
                errors.Add(new("duration", "set duration, iterations or both"));
            }

            if (Duration is { } d && d <= TimeSpan.Zero)
            {
                errors.Add(new("duration", "must be greater than 0"));
            }
        }

        switch (Model)
        {
            case LoadModel.ConstantArrivalRate:
                if (Rate is null)
                {
                    errors.Add(new("rate", "constant-arrival-rate needs a rate"));
                }
                else if (Rate <= 0 || double.IsNaN(Rate.Value) || double.IsInfinity(Rate.Value))
                {
                    errors.Add(new("rate", "must be greater than 0"));
                }

                break;
            case LoadModel.RampingArrivalRate:
                if (Rate is not null)
                {
                    errors.Add(new("rate", "ramping-arrival-rate takes startRate and stages, not rate"));
                }

                if (StartRate < 0)
                {
                    errors.Add(new("startRate", "must be >= 0"));
                }

                break;
            case LoadModel.ConstantVus:
                if (Vus is null)
                {
                    errors.Add(new("vus", "constant-vus needs vus"));
                }
                else if (Vus < 1)
                {
                    errors.Add(new("vus", "must be at least 1"));
                }

                break;
            case LoadModel.RampingVus:
                if (StartVus < 0)
                {
                    errors.Add(new("startVUs", "must be >= 0"));
                }

                break;
        }

        if (!open && Rate is not null && Model != LoadModel.RampingArrivalRate)
        {
            errors.Add(new("rate", $"{Model.ToName()} is a closed model; it takes vus, not rate"));
        }

        if (open && Vus is not null)
        {
            errors.Add(new("vus", $"{Model.ToName()} is an open model; it takes rate and maxVUs, not vus"));
        }

        if (TimeUnit <= TimeSpan.Zero)
        {
            errors.Add(new("timeUnit", "must be greater than 0"));
        }

        if (Iterations is < 1)
        {
            errors.Add(new("iterations", "must be at least 1"));
        }

        if (PreAllocatedVus < 1)
        {
            errors.Add(new("preAllocatedVUs", "must be at least 1"));
        }

        if (MaxVus is { } max && max < PreAllocatedVus)
        {
            errors.Add(new("maxVUs", $"must be at least preAllocatedVUs ({PreAllocatedVus})"));
        }

        if (WarmUp < TimeSpan.Zero)
        {
            errors.Add(new("warmUp", "must not be negative"));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add(new("timeout", "must be greater than 0"));
        }

        Bounds(errors);
        return errors;
    }

    /// <summary>
    /// What one harness process can plan and run: beyond these a run exhausts memory (a task per VU) or falls so far
    /// behind its schedule that it would overrun its planned length many times over (see README, "Load limits").
    /// </summary>
    private void Bounds(List<ConfigError> errors)
    {
        static void Over(List<ConfigError> e, string field, double value, double max, string unit) =>
            e.Add(new(field, $"{value} is over the limit of {max} {unit} one harness process can run"));

        foreach (var (field, vus) in new (string, int?)[] { ("vus", Vus), ("startVUs", StartVus), ("preAllocatedVUs", PreAllocatedVus), ("maxVUs", MaxVus) })
        {
            if (vus > LoadLimits.MaxVus)
            {
                Over(errors, field, vus ?? 0, LoadLimits.MaxVus, "VUs");
            }
        }

        var perSecond = TimeUnit > TimeSpan.Zero ? 1 / TimeUnit.TotalSeconds : 1;

        // The limit is per second; a rate given per another timeUnit is named with what it comes to per second.
        void OverRate(string field, double rate) =>
            errors.Add(new(field, perSecond == 1
                ? $"{rate} is over the limit of {LoadLimits.MaxRatePerSecond} iterations per second one harness process can run"
                : $"{rate} per {Durations.Format(TimeUnit)} is {rate * perSecond:0.##} iterations per second, over the limit of {LoadLimits.MaxRatePerSecond} one harness process can run"));

        if (Rate * perSecond > LoadLimits.MaxRatePerSecond)
        {
            OverRate("rate", Rate ?? 0);
        }

        if (StartRate * perSecond > LoadLimits.MaxRatePerSecond)
        {
            OverRate("startRate", StartRate);
        }

        for (var i = 0; i < Stages.Count; i++)
        {
            var open = Model.IsOpen();
            if (open ? Stages[i].Target * perSecond > LoadLimits.MaxRatePerSecond : Stages[i].Target > LoadLimits.MaxVus)
            {
                Over(errors, $"stages[{i}].target", Stages[i].Target, open ? LoadLimits.MaxRatePerSecond : LoadLimits.MaxVus, open ? "iterations per second" : "VUs");
            }
        }

        var length = (Duration ?? TimeSpan.Zero) + TimeSpan.FromTicks(Stages.Sum(s => Math.Max(0, s.Duration.Ticks)));
        if (length + WarmUp > LoadLimits.MaxDuration)
        {
            errors.Add(new(Duration is null ? "stages" : "duration", $"the scenario lasts {Durations.Format(length + WarmUp)}, over the limit of {Durations.Format(LoadLimits.MaxDuration)}"));
        }

        if (Iterations > LoadLimits.MaxIterations)
        {
            Over(errors, "iterations", Iterations ?? 0, LoadLimits.MaxIterations, "iterations");
        }

        if (Timeout > LoadLimits.MaxTimeout)
        {
            errors.Add(new("timeout", $"must be at most {Durations.Format(LoadLimits.MaxTimeout)}"));
        }
    }

    /// <summary>The same load as NBomber simulations; call only when <see cref="Validate"/> returned no errors.</summary>
    public IReadOnlyList<LoadSimulation> ToSimulations()
    {
        return (Model, Duration) switch
        {
            // With only an iteration bound, the iteration count alone stops the run (NBomber's IterationsFor*).
            (LoadModel.ConstantArrivalRate, null) => [Simulation.IterationsForInject(Rate ?? 0, TimeUnit, Iterations ?? 1)],
            (LoadModel.ConstantVus, null) => [Simulation.IterationsForConstant(Vus ?? 0, Iterations ?? 1)],
            (LoadModel.ConstantArrivalRate, { } during) => [Simulation.Inject(Rate ?? 0, TimeUnit, during)],
            (LoadModel.ConstantVus, { } during) => [Simulation.KeepConstant(Vus ?? 0, during)],
            (LoadModel.RampingArrivalRate, _) =>
            [
                Simulation.Inject(StartRate, TimeUnit, TimeSpan.Zero),
                .. Stages.Select(s => Simulation.RampingInject(s.Target, TimeUnit, s.Duration)),
            ],
            (LoadModel.RampingVus, _) =>
            [
                Simulation.KeepConstant(StartVus, TimeSpan.Zero),
                .. Stages.Select(s => Simulation.RampingConstant((int)Math.Round(s.Target), s.Duration)),
            ],
            _ => throw new InvalidOperationException(Model.ToString()),
        };
    }

    /// <summary>Maximum concurrent iterations: maxVUs for open models (default <see cref="LoadDefaults.MaxVus"/>), the peak VUs otherwise.</summary>
    public int EffectiveMaxVus => MaxVus ?? Math.Max(PreAllocatedVus, LoadDefaults.MaxVus);

    /// <summary>A one-line description, e.g. <c>constant-arrival-rate 50/s for 12s</c>.</summary>
    public string Describe()
    {
        var bound = (Duration, Iterations) switch
        {
            ({ } d, { } n) => $"for {Durations.Format(d)} or {n} iterations",
            ({ } d, null) => $"for {Durations.Format(d)}",
            (null, { } n) => $"for {n} iterations",
            _ => $"over {Durations.Format(TimeSpan.FromTicks(Stages.Sum(s => s.Duration.Ticks)))}",
        };
        var unit = TimeUnit == TimeSpan.FromSeconds(1) ? "s" : Durations.Format(TimeUnit);
        return Model switch
        {
            LoadModel.ConstantArrivalRate => $"{Model.ToName()} {Rate}/{unit} {bound}",
            LoadModel.RampingArrivalRate => $"{Model.ToName()} {StartRate}->{string.Join("->", Stages.Select(s => s.Target))}/{unit} {bound}",
            LoadModel.ConstantVus => $"{Model.ToName()} {Vus} VUs {bound}",
            _ => $"{Model.ToName()} {StartVus}->{string.Join("->", Stages.Select(s => s.Target))} VUs {bound}",
        };
    }
}
