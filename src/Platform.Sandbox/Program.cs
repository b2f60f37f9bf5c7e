using Harness.Watchdog;

return SandboxMonitor.Run();
