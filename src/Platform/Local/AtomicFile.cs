namespace Harness.Platform.Local;

/// <summary>Writes a file so that readers (and a restart after a crash) see the old or the new content, never half of it.</summary>
/// <remarks>
/// One source for every project that writes files a crash must not tear (Results, Reports and Harness link this file):
/// the content goes to a hidden temporary file beside the target, is flushed to disk and renamed over it; a failed
/// write (a full disk) removes the temporary file, so nothing partial is ever left.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Owner read/write, everyone else read: outputs such as results.json and report.pdf.</summary>
    public const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The prefix of the temporary files (<c>.tmp-NAME-GUID</c>); a run that was killed while writing leaves one behind.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/>, created with <paramref name="mode"/> (owner-only by default).</summary>
    /// <param name="beforeRename">Runs on the finished temporary file before it takes the name (a new owner, a narrower mode), so the file is never seen without them.</param>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite, Action<string>? beforeRename = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $"{TempPrefix}{Path.GetFileName(path)}-{Guid.NewGuid():N}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            beforeRename?.Invoke(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Creates a folder readable by its owner only (secrets live below it).</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
