using System.Globalization;

namespace Harness.Node;

/// <summary>Number formatting for result tables: invariant culture, fixed decimals, "–" for missing values.</summary>
internal static class ScenarioResultFormat
{
    public static string Ms(double? value) => value is null || double.IsNaN(value.Value) ? "–" : value.Value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Number(double? value, string format = "0") => value is null || double.IsNaN(value.Value) ? "–" : value.Value.ToString(format, CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
