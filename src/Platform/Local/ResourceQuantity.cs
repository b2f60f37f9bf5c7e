using System.Globalization;

namespace Harness.Platform.Local;

/// <summary>
/// Parses Kubernetes-style quantities as OpenFaaS stack files use them. Memory: <c>Ki Mi Gi Ti</c> are binary,
/// <c>k M G T</c> decimal, and a lower-case <c>m</c> or <c>g</c> means MiB or GiB (Docker's usage, common in stack files,
/// where Kubernetes' milli-bytes would make no sense). CPU: cores (<c>0.5</c>, <c>2</c>) or millicores (<c>500m</c>).
/// </summary>
internal static class ResourceQuantity
{
    public static bool TryParseMemoryBytes(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var (number, multiplier) = SplitSuffix(s, MemorySuffixes);
        if (multiplier == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        var result = value * multiplier;
        if (result > long.MaxValue)
        {
            return false;
        }

        bytes = (long)decimal.Ceiling(result);
        return true;
    }

    public static bool TryParseCpuCores(string? text, out double cores)
    {
        cores = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var milli = s.EndsWith('m');
        if (milli)
        {
            s = s[..^1];
        }

        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        cores = milli ? value / 1000 : value;
        return true;
    }

    private static readonly (string Suffix, decimal Multiplier)[] MemorySuffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("k", 1000m), ("K", 1000m), ("M", 1_000_000m), ("G", 1_000_000_000m), ("T", 1_000_000_000_000m),
        ("m", 1024m * 1024), ("g", 1024m * 1024 * 1024),
    ];

    private static (string Number, decimal Multiplier) SplitSuffix(string s, (string Suffix, decimal Multiplier)[] suffixes)
    {
        foreach (var (suffix, multiplier) in suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                return (s[..^suffix.Length], multiplier);
            }
        }

        return s.Length > 0 && char.IsDigit(s[^1]) ? (s, 1m) : (s, 0m);
    }
}
