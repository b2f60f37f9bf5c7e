namespace Harness.Load;

/// <summary>Keeps the highest concurrency seen, from any thread, without a lock.</summary>
internal static class InFlightPeak
{
    public static void Note(ref int peak, int current)
    {
        var seen = Volatile.Read(ref peak);
        while (current > seen)
        {
            var prior = Interlocked.CompareExchange(ref peak, current, seen);
            if (prior == seen)
            {
                return;
            }

            seen = prior;
        }
    }
}
