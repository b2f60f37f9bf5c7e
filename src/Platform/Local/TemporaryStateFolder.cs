namespace Harness.Platform.Local;

/// <summary>
/// Temporary folders that say who owns them (the embedded platform's state, the etcd-fsync scenario's data, build and
/// scratch folders), so the folder of a run killed outright (<c>kill -9</c>) is removed by the next one that makes a
/// folder with the same prefix instead of staying in /tmp for ever.
/// </summary>
public static class TemporaryStateFolder
{
    /// <summary>
    /// Set to the folder's path in the environment of a process that works in the folder (etcd on its data dir): when the
    /// owner was killed outright, the next sweep kills that process before it removes the folder.
    /// </summary>
    public const string OwnerVariable = "HARNESS_TEMP_FOLDER";

    private const string OwnerFile = ".harness-owner";

    /// <summary>Removes the folders with this prefix whose owner is gone, then creates one owned by this process.</summary>
    public static string Create(string prefix)
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
        {
            var owner = Path.Combine(stale, OwnerFile);
            try
            {
                // A folder without an owner file is someone else's (or an older harness's): never touched.
                if (File.Exists(owner) && !ProcessOwner.IsAlive(File.ReadAllText(owner).Trim()))
                {
                    ProcessSweep.Kill(OwnerVariable, stale);
                    Directory.Delete(stale, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        AtomicFile.Write(Path.Combine(folder, OwnerFile), System.Text.Encoding.UTF8.GetBytes(ProcessOwner.Current));
        return folder;
    }
}
