namespace Harness.Platform.Tests.Local;

/// <summary>Waits for a condition by polling with a deadline (never a bare sleep).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var start = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - start > deadline)
            {
                Assert.Fail($"timed out after {deadline.TotalSeconds:0.#} s waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what) => UntilAsync(() => Task.FromResult(condition()), deadline, what);
}
