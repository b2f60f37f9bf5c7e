using System.Globalization;
using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>Invariant number, duration and verdict formatting for the report text.</summary>
internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Ms(double ms) => !double.IsFinite(ms) ? "–" : ms switch
    {
        >= 10_000 => (ms / 1000).ToString("0.0", Inv) + " s",
        >= 100 => ms.ToString("0", Inv) + " ms",
        >= 10 => ms.ToString("0.0", Inv) + " ms",
        _ => ms.ToString("0.00", Inv) + " ms",
    };

    public static string Value(double v, string unit = "")
    {
        if (!double.IsFinite(v))
        {
            return "–";
        }

        if (unit == "ms")
        {
            return Ms(v);
        }

        var text = Math.Abs(v) switch
        {
            >= 1e6 => v.ToString("#,0", Inv),
            >= 100 => v.ToString("#,0.#", Inv),
            >= 1 => v.ToString("0.##", Inv),
            0 => "0",
            _ => v.ToString("0.####", Inv),
        };
        return unit.Length == 0 ? text : $"{text} {unit}";
    }

    public static string Number(double v, string format = "0.##") => double.IsFinite(v) ? v.ToString(format, Inv) : "–";

    public static string Int(long v) => v.ToString("#,0", Inv);

    public static string Percent(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString(fraction < 0.001 && fraction > 0 ? "0.000" : "0.##", Inv) + " %" : "–";

    public static string Duration(TimeSpan d) => d.TotalSeconds switch
    {
        < 1 => Ms(d.TotalMilliseconds),
        < 120 => d.TotalSeconds.ToString("0.#", Inv) + " s",
        < 7200 => $"{(int)d.TotalMinutes} min {d.Seconds} s",
        _ => $"{(int)d.TotalHours} h {d.Minutes} min",
    };

    public static string Date(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", Inv);

    public static string Bytes(long bytes) => bytes switch
    {
        <= 0 => "–",
        >= 1L << 30 => ((double)bytes / (1L << 30)).ToString("0.#", Inv) + " GiB",
        >= 1L << 20 => ((double)bytes / (1L << 20)).ToString("0.#", Inv) + " MiB",
        _ => bytes.ToString("#,0", Inv) + " B",
    };

    public static string Money(double amount, string currency) => currency switch
    {
        "USD" => "$" + amount.ToString(amount >= 100 ? "#,0" : "0.00", Inv),
        "EUR" => "€" + amount.ToString(amount >= 100 ? "#,0" : "0.00", Inv),
        _ => amount.ToString("0.00", Inv) + " " + currency,
    };

    public static string Or(string? text, string fallback = "not recorded") => string.IsNullOrWhiteSpace(text) ? fallback : text;

    public static string Verdict(ScenarioStatus status) => status switch
    {
        ScenarioStatus.Passed => "PASSED",
        ScenarioStatus.Failed => "FAILED",
        ScenarioStatus.Error => "ERROR",
        ScenarioStatus.CouldNotRun => "COULD NOT RUN",
        ScenarioStatus.Interrupted => "INTERRUPTED",
        _ => "SKIPPED",
    };

    public static Tone Tone(ScenarioStatus status) => status switch
    {
        ScenarioStatus.Passed => Model.Tone.Good,
        ScenarioStatus.Failed => Model.Tone.Bad,
        ScenarioStatus.Error or ScenarioStatus.CouldNotRun or ScenarioStatus.Interrupted => Model.Tone.Warn,
        _ => Model.Tone.Neutral,
    };

    public static TableCell Badge(bool passed) => new(passed ? "PASS" : "FAIL", passed ? Model.Tone.Good : Model.Tone.Bad);

    public static TableCell Badge(ScenarioStatus status) => new(Verdict(status), Tone(status));

    /// <summary>A result's verdict: a pass without one of its main figures reads "PASSED (PARTIAL)".</summary>
    public static string Verdict(ScenarioResult result) => result.Status == ScenarioStatus.Passed && result.Missing.Count > 0 ? "PASSED (PARTIAL)" : Verdict(result.Status);

    public static TableCell Badge(ScenarioResult result) => new(Verdict(result), result.Status == ScenarioStatus.Passed && result.Missing.Count > 0 ? Model.Tone.Warn : Tone(result.Status));

    public static string Commit(string? commit) => string.IsNullOrWhiteSpace(commit) ? "unknown" : commit.Length > 12 ? commit[..12] : commit;
}
