namespace Harness.Watchdog.Execution;

/// <summary>A started child: its pid (also its process group id), its three pipes, and its exit code once reaped.</summary>
internal sealed record SpawnedChild(int Pid, Stream Stdin, Stream Stdout, Stream Stderr, Task<int> Exited);
