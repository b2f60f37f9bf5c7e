using Harness.Watchdog;

return await WatchdogHost.RunAsync(Environment.GetEnvironmentVariables()).ConfigureAwait(false);
