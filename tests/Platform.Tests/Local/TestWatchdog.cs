using Harness.Platform.Watchdog;

namespace Harness.Platform.Tests.Local;

/// <summary>The real watchdog for provider tests (HARNESS_WATCHDOG, the NativeAOT build, or the JIT build).</summary>
internal static class TestWatchdog
{
    public static string Path => WatchdogLocator.Find();
}
