namespace Harness.Platform.Tests.Gateway;

/// <summary>Waits for a condition with a deadline, never a fixed sleep.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds}s waiting for {what}");
            await Task.Delay(5);
        }
    }
}
