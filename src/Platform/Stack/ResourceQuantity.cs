using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Platform.Stack;

/// <summary>Kubernetes-style resource quantities as written in stack files (<c>128Mi</c>, <c>500m</c>, <c>0.5</c>, <c>1G</c>).</summary>
public static partial class ResourceQuantity
{
    /// <summary>Whether <paramref name="text"/> is a non-negative Kubernetes quantity.</summary>
    public static bool IsValid(string text) => QuantityPattern().IsMatch(text);

    /// <summary>
    /// Memory in bytes. A lowercase <c>m</c> suffix is read as megabytes, as Docker and faasd users mean it
    /// (<c>128m</c>); Kubernetes would read it as millibytes, which is why the stack parser warns about it.
    /// </summary>
    public static bool TryParseMemoryBytes(string text, out long bytes)
    {
        bytes = 0;
        var match = QuantityPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var multiplier = match.Groups["suffix"].Value switch
        {
            "" => 1m,
            "k" or "K" => 1e3m,
            "m" or "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            var s when s.StartsWith('e') || s.StartsWith('E') => Pow10(int.Parse(s[1..], CultureInfo.InvariantCulture)),
            _ => -1m,
        };
        if (multiplier < 0)
        {
            return false;
        }

        bytes = (long)decimal.Ceiling(number * multiplier);
        return true;
    }

    /// <summary>CPU in millicores (<c>500m</c> → 500, <c>0.5</c> → 500, <c>2</c> → 2000).</summary>
    public static bool TryParseMilliCpu(string text, out long milliCpu)
    {
        milliCpu = 0;
        var match = QuantityPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var factor = match.Groups["suffix"].Value switch
        {
            "" => 1000m,
            "m" => 1m,
            "u" => 0.001m,
            "n" => 0.000001m,
            "k" => 1e6m,
            _ => -1m,
        };
        if (factor < 0)
        {
            return false;
        }

        milliCpu = (long)decimal.Ceiling(number * factor);
        return true;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent) && i < 28; i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }

    [GeneratedRegex(@"^\+?(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<suffix>[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
