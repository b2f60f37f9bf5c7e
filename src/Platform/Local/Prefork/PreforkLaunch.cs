namespace Harness.Platform.Local;

/// <summary>A replica whose server comes from its function's zygote: where the zygote listens, and the replica's ask.</summary>
internal sealed record PreforkLaunch(string SocketPath, string RequestPath);
