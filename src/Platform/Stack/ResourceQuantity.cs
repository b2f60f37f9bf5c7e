using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Platform.Stack;

/// <summary>Kubernetes-style resource quantities as written in stack files (<c>128Mi</c>, <c>500m</c>, <c>0.5</c>, <c>1G</c>).</summary>
public static partial class ResourceQuantity
{
    /// <summary>Whether <paramref name="text"/> is a non-negative Kubernetes quantity.</summary>
    public static bool IsValid(string text) => QuantityPattern().IsMatch(text);

    /// <summary>The smallest memory limit accepted (Docker's minimum): below it neither the watchdog nor a function starts, so a replica would only crash-loop.</summary>
    public const long MinMemoryLimitBytes = 6L * 1024 * 1024;

    /// <summary>The smallest CPU limit accepted, in millicores: the kernel's CFS quota cannot be under 1 ms per 100 ms period.</summary>
    public const long MinCpuLimitMilli = 10;

    /// <summary>
    /// The one check of a memory quantity, shared by <c>validate</c>, the gateway and the local provider: null when
    /// <paramref name="text"/> is a size in range (with a limit, at least <see cref="MinMemoryLimitBytes"/>), else why not.
    /// </summary>
    public static string? CheckMemory(string text, bool limit, out long bytes)
    {
        if (!TryParseMemoryBytes(text, out bytes))
        {
            return IsValid(text.Trim()) || GiB().IsMatch(text.Trim())
                ? $"'{text}' is too large to be a memory size (at most 8 EiB)"
                : $"'{text}' is not a memory quantity (for example 128Mi, 1Gi, 128m or 1G)";
        }

        return limit && bytes < MinMemoryLimitBytes
            ? $"'{text}' is {bytes} bytes, under the minimum memory limit of 6Mi (a replica cannot start in less); did you mean {text.Trim()}Gi or {text.Trim()}Mi?"
            : null;
    }

    /// <summary>The one check of a CPU quantity (see <see cref="CheckMemory"/>): a limit must be at least <see cref="MinCpuLimitMilli"/> millicores.</summary>
    public static string? CheckCpu(string text, bool limit, out long milliCpu)
    {
        if (!TryParseMilliCpu(text.Trim(), out milliCpu))
        {
            return IsValid(text.Trim())
                ? $"'{text}' is not a CPU quantity this platform can apply (for example 500m, 0.5 or 2)"
                : $"'{text}' is not a CPU quantity (for example 500m, 0.5 or 2)";
        }

        return limit && milliCpu < MinCpuLimitMilli
            ? $"'{text}' is under the minimum CPU limit of {MinCpuLimitMilli}m (0 would stop the function from ever running)"
            : null;
    }

    /// <summary>
    /// Memory in bytes. A lowercase <c>m</c> (or <c>g</c>) suffix is read as MiB (GiB), as Docker and faasd users mean it
    /// (<c>128m</c>); Kubernetes would read it as millibytes, which is why the stack parser warns about it. False when
    /// the text is no quantity or the size does not fit in 64 bits.
    /// </summary>
    public static bool TryParseMemoryBytes(string text, out long bytes)
    {
        bytes = 0;
        text = text.Trim();
        var g = GiB().Match(text);
        var match = g.Success ? g : QuantityPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false; // more digits than a decimal holds
        }

        var multiplier = match.Groups["suffix"].Value switch
        {
            "" => 1m,
            "k" or "K" => 1e3m,
            "m" => 1024m * 1024,
            "g" => 1024m * 1024 * 1024,
            "M" => 1e6m,
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
        if (multiplier < 0 || (multiplier > 0 && number > long.MaxValue / multiplier))
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

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false; // more digits than a decimal holds
        }

        var factor = match.Groups["suffix"].Value switch
        {
            "" => 1000m,
            "m" => 1m,
            "u" => 0.001m,
            "n" => 0.000001m,
            "k" => 1e6m,
            _ => -1m,
        };
        if (factor < 0 || number > long.MaxValue / 1_000_000_000m)
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

    // Docker's lower-case "g" (GiB), which Kubernetes does not know.
    [GeneratedRegex(@"^\+?(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<suffix>g)$", RegexOptions.CultureInvariant)]
    private static partial Regex GiB();
}
