using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios;

/// <summary>Reads a scenario file's <c>capacity:</c> section; every problem becomes a diagnostic with file, line and field.</summary>
internal static class CapacitySection
{
    private static readonly string[] Keys = ["startRate", "step", "stepDuration", "maxRate", "mode", "breaks", "timeout", "maxVUs"];

    public static CapacityOptions Read(YamlFieldReader r, YamlNode? node, YamlNode root)
    {
        var m = r.Mapping(node, "capacity", Keys);
        var defaults = new CapacityOptions();
        var options = new CapacityOptions
        {
            StartRate = r.Number(m, "startRate", "capacity") ?? defaults.StartRate,
            Step = r.Number(m, "step", "capacity") ?? defaults.Step,
            StepDuration = r.Duration(m, "stepDuration", "capacity") ?? defaults.StepDuration,
            MaxRate = r.Number(m, "maxRate", "capacity") ?? defaults.MaxRate,
            Timeout = r.Duration(m, "timeout", "capacity") ?? defaults.Timeout,
            MaxVus = (int?)r.Integer(m, "maxVUs", "capacity") ?? defaults.MaxVus,
        };
        Check(r, m, "startRate", options.StartRate > 0, "must be greater than 0");
        Check(r, m, "step", options.Step > 0, "must be greater than 0");
        Check(r, m, "stepDuration", options.StepDuration > TimeSpan.Zero, "must be greater than 0");
        Check(r, m, "timeout", options.Timeout > TimeSpan.Zero, "must be greater than 0");
        Check(r, m, "maxVUs", options.MaxVus >= 1, "must be at least 1");
        Check(r, m, "maxRate", options.MaxRate >= options.StartRate, "must be at least startRate");
        if (options.StartRate > 0 && options.Step > 0 && options.MaxRate >= options.StartRate
            && Math.Floor((options.MaxRate - options.StartRate) / options.Step) + 1 > CapacityOptions.MaxWindows)
        {
            r.Error(m.GetValueOrDefault("step") ?? node ?? root, "capacity.step",
                $"startRate to maxRate in steps of {options.Step:0.##} is more than {CapacityOptions.MaxWindows} windows; take a larger step");
        }

        switch (r.String(m, "mode", "capacity"))
        {
            case null or "steps":
                break;
            case "continuous":
                options = options with { Continuous = true };
                break;
            case var other:
                r.Error(m["mode"], "capacity.mode", $"unknown mode '{other}' (use steps or continuous)");
                break;
        }

        if (m.TryGetValue("breaks", out var breaks))
        {
            var list = ScenarioFileParser.ReadThresholds(r, breaks, "capacity.breaks");
            if (list.Count == 0 && breaks is YamlSequenceNode)
            {
                r.Error(breaks, "capacity.breaks", "list at least one condition, such as 'p99 < 250ms'");
            }

            options = options with { Breaks = list };
        }

        return options;
    }

    private static void Check(YamlFieldReader r, Dictionary<string, YamlNode> m, string key, bool ok, string message)
    {
        // Only a value that was given can be wrong; the defaults are valid.
        if (!ok && m.TryGetValue(key, out var node))
        {
            r.Error(node, "capacity." + key, message);
        }
    }
}
