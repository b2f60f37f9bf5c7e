using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Stack;

/// <summary>A function's scaling labels, parsed with OpenFaaS's defaults.</summary>
internal sealed record ScalingPolicy
{
    public const string TargetProportionLabel = "com.openfaas.scale.target-proportion";
    public const string DownWindowLabel = "com.openfaas.scale.down.window";

    public int Min { get; init; } = 1;
    public int Max { get; init; } = 20;
    public double Target { get; init; } = 50;
    public ScaleType Type { get; init; } = ScaleType.Rps;
    public double TargetProportion { get; init; } = 0.9;
    public bool ScaleToZero { get; init; }
    public TimeSpan ZeroDuration { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan DownWindow { get; init; }

    /// <summary>
    /// The autoscaler acts only on functions that ask for it (a max, target or type label) and leave it room (min &lt; max);
    /// otherwise a benchmark against a plain function would measure the autoscaler instead of the function.
    /// </summary>
    public bool Autoscale { get; init; }

    /// <summary>Replicas a scale from zero asks for: the minimum, at least one.</summary>
    public int ScaleFromZeroReplicas => Math.Max(1, Min);

    /// <summary>Parses labels leniently (a bad value keeps the default); <paramref name="errors"/>, when given, collects every bad value.</summary>
    public static ScalingPolicy From(IReadOnlyDictionary<string, string>? labels, TimeSpan defaultDownWindow, List<string>? errors = null)
    {
        labels ??= new Dictionary<string, string>();
        var policy = new ScalingPolicy { DownWindow = defaultDownWindow };
        var min = Int(labels, PlatformDefaults.ScaleMinLabel, 1, 0, errors);
        var max = Int(labels, PlatformDefaults.ScaleMaxLabel, 20, 1, errors);
        if (min > max)
        {
            errors?.Add($"label {PlatformDefaults.ScaleMinLabel}={min} is greater than {PlatformDefaults.ScaleMaxLabel}={max}");
            max = min;
        }

        var target = Number(labels, PlatformDefaults.ScaleTargetLabel, 50, errors);
        // Any positive value, as OpenFaaS's "scale early/late": below 1 adds replicas before the target is reached,
        // above 1 only once it is exceeded.
        var proportion = Number(labels, TargetProportionLabel, 0.9, errors);

        var type = ScaleType.Rps;
        if (labels.TryGetValue(PlatformDefaults.ScaleTypeLabel, out var typeText))
        {
            switch (typeText.Trim().ToLowerInvariant())
            {
                case "rps": type = ScaleType.Rps; break;
                case "capacity": type = ScaleType.Capacity; break;
                case "queue": type = ScaleType.Queue; break;
                default: errors?.Add($"label {PlatformDefaults.ScaleTypeLabel}='{typeText}' is not supported: use rps, capacity or queue"); break;
            }
        }

        var zero = false;
        if (labels.TryGetValue(PlatformDefaults.ScaleZeroLabel, out var zeroText))
        {
            if (!bool.TryParse(zeroText.Trim(), out zero))
            {
                errors?.Add($"label {PlatformDefaults.ScaleZeroLabel}='{zeroText}' must be true or false");
            }
        }

        var zeroDuration = Duration(labels, PlatformDefaults.ScaleZeroDurationLabel, TimeSpan.FromMinutes(15), errors);
        var downWindow = Duration(labels, DownWindowLabel, defaultDownWindow, errors);
        var asked = labels.ContainsKey(PlatformDefaults.ScaleMaxLabel) || labels.ContainsKey(PlatformDefaults.ScaleTargetLabel)
            || labels.ContainsKey(PlatformDefaults.ScaleTypeLabel);

        return policy with
        {
            Min = min,
            Max = max,
            Target = target,
            TargetProportion = proportion,
            Type = type,
            ScaleToZero = zero,
            ZeroDuration = zeroDuration,
            DownWindow = downWindow,
            Autoscale = asked && min < max,
        };
    }

    private static int Int(IReadOnlyDictionary<string, string> labels, string key, int fallback, int lowest, List<string>? errors)
    {
        if (!labels.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= lowest)
        {
            return v;
        }

        errors?.Add($"label {key}='{text}' must be an integer >= {lowest}");
        return fallback;
    }

    private static double Number(IReadOnlyDictionary<string, string> labels, string key, double fallback, List<string>? errors)
    {
        if (!labels.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v))
        {
            return v;
        }

        errors?.Add($"label {key}='{text}' must be a positive number");
        return fallback;
    }

    private static TimeSpan Duration(IReadOnlyDictionary<string, string> labels, string key, TimeSpan fallback, List<string>? errors)
    {
        if (!labels.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (GoDuration.TryParse(text, out var v) && v >= TimeSpan.Zero)
        {
            return v;
        }

        errors?.Add($"label {key}='{text}' is not a duration (seconds, or e.g. 15m, 1m30s)");
        return fallback;
    }
}
