using System.Globalization;

namespace Harness.Node.Proc;

/// <summary>Active swap areas from <c>/proc/swaps</c>; none means swap is off.</summary>
internal sealed record SwapInfo(IReadOnlyList<string> Devices, long TotalKiB)
{
    public bool Enabled => Devices.Count > 0;

    public static SwapInfo Parse(string text)
    {
        var devices = new List<string>();
        long total = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
        {
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3)
            {
                devices.Add(fields[0]);
                total += long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : 0;
            }
        }

        return new SwapInfo(devices, total);
    }
}
