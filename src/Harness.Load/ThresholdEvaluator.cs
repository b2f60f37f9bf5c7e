using Harness.Results;

namespace Harness.Load;

/// <summary>Checks thresholds against a finished <see cref="ScenarioResult"/>; any miss turns a passed scenario into a failed one.</summary>
public static class ThresholdEvaluator
{
    /// <summary>The result with these thresholds judged and added; a miss turns Passed into Failed.</summary>
    public static ScenarioResult Apply(ScenarioResult result, IEnumerable<string> thresholds)
    {
        var outcomes = result.Thresholds.Concat(thresholds.Select(t => Evaluate(result, t))).ToList();
        var status = result.Status == ScenarioStatus.Passed && outcomes.Any(t => !t.Passed) ? ScenarioStatus.Failed : result.Status;
        return result with { Thresholds = outcomes, Status = status };
    }

    /// <summary>Judges one threshold expression against a result; an unreadable expression or a missing metric fails.</summary>
    public static ThresholdResult Evaluate(ScenarioResult result, string text)
    {
        if (!ThresholdExpression.TryParse(text, out var e, out var error))
        {
            return new ThresholdResult { Expression = text, Metric = "?", Passed = false, Message = error };
        }

        var actual = Actual(result, e!, out var why);
        if (actual is null)
        {
            return new ThresholdResult { Expression = e!.Text, Metric = e.Metric, Unit = e.Unit, Passed = false, Message = why };
        }

        var passed = e!.Holds(actual.Value);
        var shown = e.Unit == "%" ? actual.Value * 100 : actual.Value;
        return new ThresholdResult
        {
            Expression = e.Text,
            Metric = e.Aggregate is null ? e.Metric : $"{e.Metric}.{(e.Aggregate == "p" ? $"p({e.Percentile})" : e.Aggregate)}",
            Actual = Math.Round(shown, 4),
            Unit = e.Unit,
            Passed = passed,
            Message = passed ? null : $"{e.Text}: actual {shown:0.####}{e.Unit}",
        };
    }

    private static double? Actual(ScenarioResult result, ThresholdExpression e, out string? why)
    {
        why = null;
        if (e.Aggregate is not null)
        {
            if (!result.Metrics.TryGetValue(e.Metric, out var m))
            {
                why = $"no metric '{e.Metric}' in this scenario (has: {string.Join(", ", result.Metrics.Keys)})";
                return null;
            }

            if (m.Count == 0)
            {
                why = $"'{e.Metric}' has no samples";
                return null;
            }

            return e.Aggregate switch
            {
                "avg" => m.Mean,
                "min" => m.Min,
                "max" => m.Max,
                "count" => m.Count,
                _ => e.Percentile switch
                {
                    50 => m.P50,
                    90 => m.P90,
                    99 => m.P99,
                    99.9 => m.P999,
                    var p => LatencyHistogram.Percentile(m, p!.Value) ?? Missing(out why, $"'{e.Metric}' keeps no histogram for p({p})"),
                },
            };
        }

        if (result.Values.TryGetValue(e.Metric, out var v))
        {
            return v;
        }

        if (result.Counters.TryGetValue(e.Metric, out var c))
        {
            return c;
        }

        why = $"no value or counter '{e.Metric}' in this scenario (has: {string.Join(", ", result.Values.Keys.Concat(result.Counters.Keys))})";
        return null;
    }

    private static double? Missing(out string? why, string message)
    {
        why = message;
        return null;
    }
}
