using System.Globalization;
using Harness.Sampling;

namespace Harness.Node.Conntrack;

/// <summary>The machine-wide nf_conntrack_max (writable only from the initial network namespace, as root).</summary>
internal static class GlobalConntrackMax
{
    public static long Read()
        => ConntrackSampler.ParseLong(File.ReadAllText(ConntrackSampler.MaxPath))
            ?? throw new FormatException($"{ConntrackSampler.MaxPath}: not a number");

    public static void Write(long value)
        => File.WriteAllText(ConntrackSampler.MaxPath, value.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>Sets the global max for the duration of <paramref name="body"/> and restores the original in a finally.</summary>
    public static async Task<T> WithTemporaryAsync<T>(long value, Func<long, Task<T>> body)
    {
        var original = Read();
        Write(value);
        try
        {
            return await body(original).ConfigureAwait(false);
        }
        finally
        {
            Write(original);
        }
    }
}
