namespace Harness.Load;

/// <summary>Turns NBomber-style simulations into a <see cref="LoadShape"/>, collecting every error instead of stopping at the first.</summary>
internal static class LoadShapeBuilder
{
    public static (LoadShape? Shape, IReadOnlyList<ConfigError> Errors) Build(
        IReadOnlyList<LoadSimulation> simulations,
        TimeSpan warmUp,
        TimeSpan timeout,
        int preAllocatedVus,
        int maxVus,
        long? maxIterations = null,
        string field = "simulations")
    {
        var errors = new List<ConfigError>();
        if (simulations.Count == 0)
        {
            errors.Add(new(field, "at least one load simulation is required"));
        }

        var open = simulations.Any(s => s.IsOpen);
        if (open && simulations.Any(s => s.IsClosed))
        {
            errors.Add(new(field, "mixing open (Inject*) and closed (*Constant) simulations in one scenario is not supported; use two scenarios"));
        }

        var segments = new List<LoadSegment>();
        double current = 0;
        for (var i = 0; i < simulations.Count; i++)
        {
            var s = simulations[i];
            var f = $"{field}[{i}]";
            var iterationBound = s.Kind is LoadSimulationKind.IterationsForInject or LoadSimulationKind.IterationsForConstant;
            if (s.Value < 0 || double.IsNaN(s.Value) || double.IsInfinity(s.Value))
            {
                errors.Add(new(f, $"rate or copies must be a finite number >= 0, got {s.Value}"));
            }

            if (s.IsOpen && s.Interval <= TimeSpan.Zero)
            {
                errors.Add(new(f, "interval must be greater than 0"));
            }

            if (iterationBound)
            {
                if (s.Iterations is null or < 1)
                {
                    errors.Add(new(f, "iterations must be at least 1"));
                }

                if (i != simulations.Count - 1)
                {
                    errors.Add(new(f, "an iteration-bounded simulation must be the last one"));
                }
            }
            else if (s.During < TimeSpan.Zero)
            {
                errors.Add(new(f, "duration must not be negative"));
            }

            var perUnit = s.IsOpen && s.Interval > TimeSpan.Zero ? s.Value / s.Interval.TotalSeconds : s.Value;
            var seconds = iterationBound ? double.PositiveInfinity : s.During.TotalSeconds;
            if (seconds <= 0)
            {
                // A zero-length phase only sets the level the next ramp starts from (k6's startRate, startVUs).
                current = s.Kind == LoadSimulationKind.Pause ? 0 : perUnit;
                continue;
            }

            switch (s.Kind)
            {
                case LoadSimulationKind.Inject or LoadSimulationKind.KeepConstant
                    or LoadSimulationKind.IterationsForInject or LoadSimulationKind.IterationsForConstant:
                    segments.Add(new(perUnit, perUnit, seconds));
                    current = perUnit;
                    break;
                case LoadSimulationKind.RampingInject or LoadSimulationKind.RampingConstant:
                    segments.Add(new(current, perUnit, seconds));
                    current = perUnit;
                    break;
                case LoadSimulationKind.Pause:
                    segments.Add(new(0, 0, seconds));
                    current = 0;
                    break;
            }

            if (iterationBound && s.Iterations is { } n)
            {
                maxIterations = maxIterations is { } m ? Math.Min(m, n) : n;
            }
        }

        if (simulations.Count > 0 && segments.Count == 0)
        {
            errors.Add(new(field, "the simulations add up to no time"));
        }
        else if (segments.Count > 0 && segments.All(s => s.Start == 0 && s.End == 0))
        {
            errors.Add(new(field, "the load never rises above zero"));
        }

        if (warmUp < TimeSpan.Zero)
        {
            errors.Add(new("warmUp", "must not be negative"));
        }

        if (timeout <= TimeSpan.Zero)
        {
            errors.Add(new("timeout", "must be greater than 0"));
        }

        if (preAllocatedVus < 1)
        {
            errors.Add(new("preAllocatedVUs", "must be at least 1"));
        }

        if (maxVus < preAllocatedVus)
        {
            errors.Add(new("maxVUs", $"must be at least preAllocatedVUs ({preAllocatedVus})"));
        }

        if (maxIterations is < 1)
        {
            errors.Add(new("iterations", "must be at least 1"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new LoadShape
        {
            Open = open,
            Segments = segments,
            MaxIterations = maxIterations,
            WarmUp = warmUp,
            Timeout = timeout,
            PreAllocatedVus = preAllocatedVus,
            MaxVus = maxVus,
        }, errors);
    }
}
