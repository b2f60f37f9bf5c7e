using System.Globalization;
using Harness.Load;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios;

/// <summary>Reads a scenario file's <c>capacity:</c> section; every problem becomes a diagnostic with file, line and field.</summary>
internal static class CapacitySection
{
    /// <summary>Most refinement windows: ten halvings narrow any gap to a thousandth.</summary>
    private const int MaxRefine = 10;

    private static readonly string[] Keys = ["startRate", "step", "factor", "refine", "stepDuration", "maxRate", "mode", "breaks", "timeout", "maxVUs"];

    public static CapacityOptions Read(YamlFieldReader r, YamlNode? node, YamlNode root)
    {
        var m = r.Mapping(node, "capacity", Keys);
        var defaults = new CapacityOptions();
        var options = new CapacityOptions
        {
            StartRate = r.Number(m, "startRate", "capacity") ?? defaults.StartRate,
            Step = r.Number(m, "step", "capacity") ?? defaults.Step,
            Factor = r.Number(m, "factor", "capacity"),
            Refine = (int?)r.Integer(m, "refine", "capacity") ?? defaults.Refine,
            StepDuration = r.Duration(m, "stepDuration", "capacity") ?? defaults.StepDuration,
            MaxRate = r.Number(m, "maxRate", "capacity") ?? defaults.MaxRate,
            Timeout = r.Duration(m, "timeout", "capacity") ?? defaults.Timeout,
            MaxVus = (int?)r.Integer(m, "maxVUs", "capacity") ?? defaults.MaxVus,
        };
        Check(r, m, "startRate", options.StartRate > 0, "must be greater than 0");
        Check(r, m, "step", options.Step > 0, "must be greater than 0");
        Check(r, m, "factor", options.Factor is not { } f || f > 1, "must be greater than 1 (each window's rate is the previous one's times it)");
        Check(r, m, "refine", options.Refine is >= 0 and <= MaxRefine, $"must be 0 to {MaxRefine} (each window halves the gap again)");
        if (m.ContainsKey("step") && m.ContainsKey("factor"))
        {
            r.Error(m["factor"], "capacity.factor", "give step (a linear ramp) or factor (a geometric one), not both");
        }

        Check(r, m, "stepDuration", options.StepDuration > TimeSpan.Zero, "must be greater than 0");
        Check(r, m, "timeout", options.Timeout > TimeSpan.Zero, "must be greater than 0");
        Check(r, m, "maxVUs", options.MaxVus >= 1, "must be at least 1");
        Check(r, m, "maxRate", options.MaxRate >= options.StartRate, "must be at least startRate");
        Check(r, m, "maxRate", options.MaxRate <= LoadLimits.MaxRatePerSecond,
            string.Create(CultureInfo.InvariantCulture, $"must be at most {LoadLimits.MaxRatePerSecond:0} arrivals per second (the load engine's limit)"));
        if (options.StartRate > 0 && options.Step > 0 && options.MaxRate >= options.StartRate && options.Factor is null or > 1)
        {
            var ramp = options.Factor is { } factor
                ? Math.Floor(Math.Log(options.MaxRate / options.StartRate) / Math.Log(factor) + 1e-9) + 1
                : Math.Floor((options.MaxRate - options.StartRate) / options.Step) + 1;
            if (ramp + Math.Max(0, options.Refine) > CapacityOptions.MaxWindows)
            {
                var key = options.Factor is null ? "step" : "factor";
                r.Error(m.GetValueOrDefault(key) ?? node ?? root, "capacity." + key,
                    $"startRate to maxRate by {options.Growth()} (and {options.Refine} refinement windows) is more than {CapacityOptions.MaxWindows} windows; take a larger {key}");
            }
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
