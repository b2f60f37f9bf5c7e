namespace Harness.Platform.Tests.Local;

/// <summary>Finds the watchdog for provider tests.</summary>
internal static class TestWatchdog
{
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("HARNESS_WATCHDOG") is { Length: > 0 } env && File.Exists(env))
            {
                return env;
            }

            return System.IO.Path.Combine(AppContext.BaseDirectory, "Local", "Fixtures", "standin-watchdog.py");
        }
    }
}
