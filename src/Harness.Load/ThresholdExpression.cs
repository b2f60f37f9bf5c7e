using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Load;

/// <summary>A parsed k6-style threshold: <c>p99 &lt; 250ms</c>, <c>p(99.9) &lt; 1s</c>, <c>cold_start_ttfb.p50 &lt; 2s</c>, <c>error_rate &lt; 0.1%</c>, <c>dropped == 0</c>, <c>rps &gt; 100</c>.</summary>
/// <remarks>An aggregate alone (<c>p99</c>, <c>avg</c>) applies to <c>http_req_duration</c>; a bare name is a scalar value or counter of the scenario.</remarks>
public sealed partial record ThresholdExpression
{
    /// <summary>The metric an aggregate alone (<c>p99</c>) refers to.</summary>
    public const string DefaultMetric = "http_req_duration";

    /// <summary>The expression as written, trimmed.</summary>
    public required string Text { get; init; }
    /// <summary>A distribution (<c>http_req_duration</c>) when <see cref="Aggregate"/> is set, else a value or counter name.</summary>
    public required string Metric { get; init; }
    /// <summary><c>p</c> (with <see cref="Percentile"/>), <c>avg</c>, <c>min</c>, <c>max</c>, <c>count</c>; null for scalars.</summary>
    public string? Aggregate { get; init; }
    /// <summary>The percentile when <see cref="Aggregate"/> is <c>p</c>.</summary>
    public double? Percentile { get; init; }
    /// <summary>The comparison.</summary>
    public required ThresholdOperator Operator { get; init; }
    /// <summary>The limit in ms for durations, as a fraction for percentages, else as written.</summary>
    public required double Value { get; init; }
    /// <summary><c>ms</c>, <c>%</c> or empty: how actual values are shown.</summary>
    public string Unit { get; init; } = "";

    [GeneratedRegex(@"^\s*(?<lhs>[A-Za-z_][A-Za-z0-9_]*(?:\.(?:p\(\s*\d+(?:\.\d+)?\s*\)|[A-Za-z0-9_]+))?|p\(\s*\d+(?:\.\d+)?\s*\))\s*(?<op><=|>=|==|!=|<|>)\s*(?<num>-?\d+(?:\.\d+)?)\s*(?<unit>ms|s|us|µs|%)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:p\(\s*(?<pf>\d+(?:\.\d+)?)\s*\)|p(?<pd>\d+)|(?<fn>avg|mean|min|max|med|count))$", RegexOptions.CultureInvariant)]
    private static partial Regex AggregatePattern();

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["dropped"] = "dropped_iterations",
        ["error"] = "error_rate",
        ["errors_rate"] = "error_rate",
        ["http_req_failed"] = "error_rate",
        ["http_reqs"] = "requests",
    };

    /// <summary>Scalars that count things (or things per second): a % or a negative limit on them is a mistake.</summary>
    private static readonly HashSet<string> CountMetrics = new(StringComparer.Ordinal) { "requests", "rps", "dropped_iterations", "errors" };

    /// <summary>
    /// k6's map form, <c>METRIC: ["EXPR"]</c>, as one Harness expression. An aggregate applies to METRIC
    /// (<c>http_req_duration: ["p(99) &lt; 1s"]</c>); k6's <c>rate</c>, <c>count</c> and <c>value</c> name METRIC's own
    /// figure (<c>http_req_failed: ["rate &lt; 0.01"]</c> is <c>error_rate &lt; 0.01</c>, <c>http_reqs: ["rate &gt; 100"]</c>
    /// is <c>rps &gt; 100</c>); an expression naming its own metric (<c>error_rate &lt; 1%</c>) is taken as written.
    /// </summary>
    /// <returns>False, with <paramref name="error"/>, when the pair names a figure no scenario has.</returns>
    public static bool TryFromK6Map(string metric, string text, out string expression, out string? error)
    {
        expression = text.Trim();
        error = null;
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return true; // the caller reports the expression's own parse error
        }

        var lhs = m.Groups["lhs"].Value;
        var rest = text[(m.Groups["lhs"].Index + m.Groups["lhs"].Length)..].Trim();
        var name = Aliases.GetValueOrDefault(metric, metric);
        var isScalar = name is "error_rate" || CountMetrics.Contains(name);
        switch (lhs)
        {
            case "rate":
                var rate = name switch { "error_rate" => "error_rate", "requests" => "rps", "dropped_iterations" => "dropped_rate", _ => null };
                if (rate is null)
                {
                    error = $"k6's 'rate' applies to http_req_failed, http_reqs or dropped_iterations, not to {metric}";
                    return false;
                }

                expression = $"{rate} {rest}";
                return true;
            case "count" when isScalar && name != "error_rate":
            case "value":
                expression = $"{name} {rest}";
                return true;
        }

        if (AggregatePattern().IsMatch(lhs))
        {
            if (isScalar)
            {
                error = $"{metric} is a {(name == "error_rate" ? "rate: use 'rate < 0.01'" : "counter: use 'count > 100' or 'rate > 10'")}, not the aggregate '{lhs}'";
                return false;
            }

            expression = $"{metric}.{lhs} {rest}";
        }

        return true;
    }

    /// <summary>Reads an expression; throws <see cref="FormatException"/> with the reason when it cannot.</summary>
    public static ThresholdExpression Parse(string text)
        => TryParse(text, out var e, out var error) ? e! : throw new FormatException(error);

    /// <summary>Reads an expression; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out ThresholdExpression? expression, out string? error)
    {
        expression = null;
        var m = Pattern().Match(text ?? "");
        if (!m.Success)
        {
            error = $"cannot read threshold '{text}': expected e.g. 'p99 < 250ms', 'p(99.9) < 1s', 'error_rate < 0.1%', 'dropped == 0' or 'rps > 100'";
            return false;
        }

        var lhs = m.Groups["lhs"].Value;
        string metric;
        string? aggregateText;
        var dot = lhs.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && !lhs.StartsWith("p(", StringComparison.Ordinal))
        {
            metric = lhs[..dot];
            aggregateText = lhs[(dot + 1)..];
        }
        else if (AggregatePattern().IsMatch(lhs))
        {
            metric = DefaultMetric;
            aggregateText = lhs;
        }
        else
        {
            metric = Aliases.GetValueOrDefault(lhs, lhs);
            aggregateText = null;
        }

        string? aggregate = null;
        double? percentile = null;
        if (aggregateText is not null)
        {
            var a = AggregatePattern().Match(aggregateText);
            if (!a.Success)
            {
                error = $"threshold '{text}': unknown aggregate '{aggregateText}' (use p50, p90, p99, p999, p(99.9), avg, min, max, count)";
                return false;
            }

            if (a.Groups["fn"].Success)
            {
                aggregate = a.Groups["fn"].Value switch { "mean" => "avg", "med" => "p", var f => f };
                percentile = a.Groups["fn"].Value == "med" ? 50 : null;
            }
            else
            {
                aggregate = "p";
                percentile = a.Groups["pf"].Success
                    ? double.Parse(a.Groups["pf"].Value, CultureInfo.InvariantCulture)
                    : ShortPercentile(a.Groups["pd"].Value);
            }

            if (percentile is < 0 or > 100)
            {
                error = $"threshold '{text}': percentile {percentile} is outside 0..100";
                return false;
            }
        }

        var value = double.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture);
        var unitText = m.Groups["unit"].Success ? m.Groups["unit"].Value : "";
        var isDuration = aggregate is "p" or "avg" or "min" or "max";
        // A value named *_ms is kept in milliseconds, so a time unit converts to it; other scalars are counts, rates or
        // ratios, on which "5s" would be compared as 5000 of them.
        var isTimeValue = aggregate is null && metric.EndsWith("_ms", StringComparison.Ordinal);
        var isCount = aggregate == "count" || (aggregate is null && CountMetrics.Contains(metric));
        if (unitText is "ms" or "s" or "us" or "µs" && !isDuration && !isTimeValue)
        {
            error = $"threshold '{text}': {lhs} is not a duration; a time unit ({unitText}) is only for latency aggregates such as p99, avg or METRIC.p50 (write the number alone)";
            return false;
        }

        if (unitText == "%" && isCount)
        {
            error = $"threshold '{text}': {lhs} is a count or a rate per second, not a fraction; % is for ratios such as error_rate";
            return false;
        }

        if (value < 0 && (isDuration || isTimeValue || isCount || metric == "error_rate"))
        {
            error = $"threshold '{text}': {lhs} is never negative, so a limit of {m.Groups["num"].Value} says nothing";
            return false;
        }

        var unit = "";
        switch (unitText)
        {
            case "%":
                if (isDuration)
                {
                    error = $"threshold '{text}': a latency limit needs a time unit (ms, s), not %";
                    return false;
                }

                value /= 100;
                unit = "%";
                break;
            case "s":
                value *= 1000;
                unit = "ms";
                break;
            case "us" or "µs":
                value /= 1000;
                unit = "ms";
                break;
            case "ms":
                unit = "ms";
                break;
            default:
                unit = isDuration ? "ms" : "";
                break;
        }

        error = null;
        expression = new ThresholdExpression
        {
            Text = text!.Trim(),
            Metric = metric,
            Aggregate = aggregate,
            Percentile = percentile,
            Operator = m.Groups["op"].Value switch
            {
                "<" => ThresholdOperator.LessThan,
                "<=" => ThresholdOperator.LessOrEqual,
                ">" => ThresholdOperator.GreaterThan,
                ">=" => ThresholdOperator.GreaterOrEqual,
                "==" => ThresholdOperator.Equal,
                _ => ThresholdOperator.NotEqual,
            },
            Value = value,
            Unit = unit,
        };
        return true;
    }

    /// <summary>p99 → 99, p999 → 99.9, p9999 → 99.99, p50 → 50.</summary>
    private static double ShortPercentile(string digits)
        => digits.Length <= 2
            ? double.Parse(digits, CultureInfo.InvariantCulture)
            : double.Parse($"{digits[..2]}.{digits[2..]}", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="actual"/> satisfies the threshold.</summary>
    public bool Holds(double actual) => Operator switch
    {
        ThresholdOperator.LessThan => actual < Value,
        ThresholdOperator.LessOrEqual => actual <= Value,
        ThresholdOperator.GreaterThan => actual > Value,
        ThresholdOperator.GreaterOrEqual => actual >= Value,
        // Equality on measured doubles: a counter is integral, so this is exact where it is used.
        ThresholdOperator.Equal => Math.Abs(actual - Value) < 1e-9,
        _ => Math.Abs(actual - Value) >= 1e-9,
    };
}
