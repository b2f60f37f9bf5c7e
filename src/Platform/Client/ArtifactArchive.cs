using System.Formats.Tar;
using System.IO.Compression;

namespace Harness.Platform.Client;

/// <summary>Packs a built function folder the way <c>PUT /system/artifacts</c> takes it: a gzipped tar of the folder's contents.</summary>
public static class ArtifactArchive
{
    /// <summary>Writes the archive of <paramref name="directory"/> (entries relative to it) to <paramref name="destination"/>, left open.</summary>
    public static async Task WriteAsync(string directory, Stream destination, CancellationToken cancellationToken = default)
    {
        var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            await TarFile.CreateFromDirectoryAsync(directory, gzip, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the archive to a new temporary file and returns it opened at the start; the file is deleted on close.</summary>
    public static async Task<FileStream> CreateTemporaryAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-artifact-{Guid.NewGuid():N}.tar.gz");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WriteAsync(directory, file, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
