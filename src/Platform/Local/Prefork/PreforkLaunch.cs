namespace Harness.Platform.Local;

/// <summary>
/// A replica whose server comes from its function's zygote: where the zygote listens, the replica's ask, and whether
/// the replica is a standby that waits for <see cref="Replica.Release"/> before its server imports the handler.
/// </summary>
internal sealed record PreforkLaunch(string SocketPath, string RequestPath, bool Hold = false);
