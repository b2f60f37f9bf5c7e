namespace Harness.Watchdog.Health;

/// <summary>The lock file whose presence means "healthy" (OpenFaaS: /tmp/.lock); its path is configurable per replica.</summary>
internal sealed class LockFile(string path, bool suppressed)
{
    public string Path { get; } = path;

    public bool Suppressed { get; } = suppressed;

    public bool Exists => Suppressed || File.Exists(Path);

    public void Create()
    {
        if (Suppressed)
        {
            return;
        }

        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(Path, "");
    }

    public void Delete()
    {
        if (Suppressed)
        {
            return;
        }

        try
        {
            File.Delete(Path);
        }
        catch (IOException ex)
        {
            WatchdogLog.Error($"could not delete lock file {Path}: {ex.Message}");
        }
    }
}
