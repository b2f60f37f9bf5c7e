using Harness.Watchdog;
using Harness.Watchdog.Hosting;
using Harness.Watchdog.Isolation;

// Isolation first (session, cgroups, mounts): nothing of the function may start before it is in place.
var isolation = LinuxIsolation.ApplyFromEnvironment();
if (isolation != 0)
{
    return isolation;
}

var code = await WatchdogHost.RunAsync(Environment.GetEnvironmentVariables()).ConfigureAwait(false);
WatchdogLog.Flush(WatchdogLog.ExitFlushTimeout);
return code;
