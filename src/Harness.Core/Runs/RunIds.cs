using System.Globalization;
using System.Security.Cryptography;

namespace Harness.Runs;

/// <summary>
/// Run ids: <c>20261128T032500.123Z-3f9a1c</c>, the start time to the millisecond plus 24 random bits, so ids sort by
/// start time and two runs started in the same millisecond (two CI jobs, a retry) still get different ids.
/// </summary>
/// <remarks>Ids written before this form (<c>20261128T032500Z</c>, one-second resolution) stay valid: the history
/// keys runs by the id string as stored and orders them by start time, never by parsing the id.</remarks>
internal static class RunIds
{
    /// <summary>A new id for a run started at <paramref name="startedAt"/>; <paramref name="suffix"/> replaces the random part in tests.</summary>
    public static string New(DateTimeOffset startedAt, int? suffix = null)
    {
        var random = suffix ?? RandomNumberGenerator.GetInt32(0, 0x1000000);
        return startedAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture)
            + "-" + (random & 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);
    }
}
