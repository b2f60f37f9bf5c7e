using Harness.Platform.Watchdog;

namespace Harness.Platform.Tests.Gateway;

/// <summary>A fact that needs the real watchdog binary; skipped, with the reason, when it cannot be found (CI builds it first).</summary>
internal sealed class WatchdogFactAttribute : FactAttribute
{
    public WatchdogFactAttribute()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            Skip = $"the watchdog binary was not found (run ./build.sh or set {WatchdogLocator.EnvironmentVariable})";
        }
    }
}
