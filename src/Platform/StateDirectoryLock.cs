namespace Harness.Platform;

/// <summary>
/// An exclusive lock on a platform's state directory, held while the platform runs. Without it a second
/// <c>harness platform up</c> on the same folder takes the live platform's replicas for leftovers of a crashed run and kills them.
/// </summary>
internal sealed class StateDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside the state directory.</summary>
    public const string FileName = "platform.lock";

    private readonly FileStream? _file;

    private StateDirectoryLock(FileStream? file) => _file = file;

    /// <summary>Takes the lock (an advisory flock, released by the kernel if the process dies); throws <see cref="PlatformStartException"/> when another platform holds it.</summary>
    public static StateDirectoryLock Acquire(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        FileStream file;
        try
        {
            // FileShare.None is an exclusive flock on Unix, held by this open file until it is closed.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && !File.Exists(path))
        {
            // A read-only state directory (a Kubernetes Secret mounted as the gateway's state) cannot hold a lock file;
            // nothing there is written by this platform either, so there is nothing to protect.
            return new StateDirectoryLock(null);
        }
        catch (IOException e)
        {
            throw new PlatformStartException(
                $"state directory {stateDirectory} is in use by another running platform ({path} is locked); stop that one first or choose another --state", e);
        }

        try
        {
            file.SetLength(0);
            using var writer = new StreamWriter(file, leaveOpen: true);
            writer.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        }
        catch (IOException)
        {
            // The pid is only for people looking at the folder; the lock is what matters.
        }

        return new StateDirectoryLock(file);
    }

    public void Dispose() => _file?.Dispose();
}
