using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>
/// Built functions by image name, on disk: <c>artifacts/&lt;safe image&gt;/&lt;digest&gt;/</c> holds an unpacked version and
/// <c>current.json</c> names the one a new deploy uses. Versions are immutable, so replicas of an older deploy keep
/// running while a new version is pushed. <see cref="CollectAsync"/> removes old versions nothing uses.
/// </summary>
internal sealed class LocalArtifactStore
{
    private const string CurrentFile = "current.json";
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LocalArtifactStore(string root, TimeProvider time)
    {
        _root = root;
        _time = time;
        Directory.CreateDirectory(root);
    }

    public async Task<ProviderResult> PutAsync(string image, Stream gzippedTar, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return ProviderResult.Invalid("image: required");
        }

        var imageDir = Path.Combine(_root, SafeName(image));
        Directory.CreateDirectory(imageDir);
        var temp = Path.Combine(imageDir, $".tmp-{Guid.NewGuid():N}");
        var archive = temp + ".tar.gz";
        try
        {
            // Copy first while hashing: the digest names exactly the bytes that were sent.
            string digest;
            long size;
            await using (var file = new FileStream(archive, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int n;
                while ((n = await gzippedTar.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }

                size = file.Length;
                digest = "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
                file.Position = 0;
                Directory.CreateDirectory(temp);
                try
                {
                    await using var gz = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
                    await TarFile.ExtractToDirectoryAsync(gz, temp, overwriteFiles: true, cancellationToken).ConfigureAwait(false);
                    MakeReadableByFunctions(temp);
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or UnauthorizedAccessException)
                {
                    return ProviderResult.Invalid($"artifact for '{image}' is not a gzipped tar: {ex.Message}");
                }
            }

            var info = new ArtifactInfo { Image = image, Digest = digest, CreatedAt = _time.GetUtcNow(), SizeBytes = size };
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var versionDir = Path.Combine(imageDir, VersionName(digest));
                if (!Directory.Exists(versionDir))
                {
                    Directory.Move(temp, versionDir);
                }

                // A sidecar beside the version keeps its push time (the folder's own time changes when a replica writes
                // into it, e.g. __pycache__); a re-push of an old version makes it the newest again.
                AtomicFile.Write(PushedFile(imageDir, VersionName(digest)), Encoding.UTF8.GetBytes(info.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

                AtomicFile.Write(Path.Combine(imageDir, CurrentFile), JsonSerializer.SerializeToUtf8Bytes(info), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            finally
            {
                _gate.Release();
            }

            return ProviderResult.Ok;
        }
        finally
        {
            File.Delete(archive);
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<ArtifactInfo>();
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            if (ReadCurrent(dir) is { } info)
            {
                list.Add(info);
            }
        }

        return Task.FromResult<IReadOnlyList<ArtifactInfo>>([.. list.OrderBy(a => a.Image, StringComparer.Ordinal)]);
    }

    /// <summary>The folder and digest of the version a deploy of <paramref name="image"/> uses now, if any was stored.</summary>
    public (string Directory, string Digest)? TryGetCurrent(string image)
    {
        var imageDir = Path.Combine(_root, SafeName(image));
        return ReadCurrent(imageDir) is { } info ? (Path.Combine(imageDir, VersionName(info.Digest)), info.Digest) : null;
    }

    /// <summary>The folder of a given version (a restored function keeps running the version it was deployed with).</summary>
    public string? TryGetVersion(string image, string digest)
    {
        var dir = Path.Combine(_root, SafeName(image), VersionName(digest));
        return Directory.Exists(dir) ? dir : null;
    }

    /// <summary>
    /// Garbage collection: per image, keeps the <paramref name="keep"/> most recently pushed versions, the current one and
    /// every version in <paramref name="inUse"/> (digests that deployed functions or their running replicas use), and deletes
    /// the rest. Returns what was removed as <c>image@digest-prefix</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> CollectAsync(int keep, IReadOnlySet<string> inUse, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var protectedVersions = inUse.Select(VersionName).ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var imageDir in Directory.EnumerateDirectories(_root))
            {
                var current = ReadCurrent(imageDir);
                var versions = Directory.EnumerateDirectories(imageDir)
                    .Select(d => new DirectoryInfo(d))
                    .Where(d => !d.Name.StartsWith('.'))
                    .OrderByDescending(d => PushedAt(imageDir, d))
                    .ThenBy(d => d.Name, StringComparer.Ordinal)
                    .ToList();
                foreach (var version in versions.Skip(keep))
                {
                    if (protectedVersions.Contains(version.Name) || (current is not null && VersionName(current.Digest) == version.Name))
                    {
                        continue;
                    }

                    try
                    {
                        version.Delete(recursive: true);
                        File.Delete(PushedFile(imageDir, version.Name));
                        removed.Add($"{current?.Image ?? Path.GetFileName(imageDir)}@{version.Name}");
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // A folder that cannot go now is tried again at the next collection.
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return removed;
    }

    /// <summary>A folder name for an image reference: readable, plus a hash so that different references never collide.</summary>
    public static string SafeName(string image)
    {
        var sb = new StringBuilder(image.Length + 9);
        foreach (var c in image)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))[..8];
        return $"{sb}-{hash}";
    }

    /// <summary>
    /// Sandboxed functions run as their own uid: every folder of an artifact gets r-x and every file r (x where its owner
    /// has x) for everyone, and nothing is writable but by root (the artifact is shared by the functions that run it).
    /// </summary>
    private static void MakeReadableByFunctions(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(root, Folder);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                entry.UnixFileMode = Folder;
            }
            else
            {
                var executable = (entry.UnixFileMode & UnixFileMode.UserExecute) != 0;
                entry.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                    | (executable ? UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : 0);
            }
        }
    }

    private static string PushedFile(string imageDir, string version) => Path.Combine(imageDir, version + ".pushed");

    private static DateTimeOffset PushedAt(string imageDir, DirectoryInfo version)
    {
        try
        {
            var text = File.ReadAllText(PushedFile(imageDir, version.Name));
            if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at))
            {
                return at;
            }
        }
        catch (IOException)
        {
        }

        return version.LastWriteTimeUtc;
    }

    private static string VersionName(string digest) => digest.Replace("sha256:", "", StringComparison.Ordinal)[..16];

    private static ArtifactInfo? ReadCurrent(string imageDir)
    {
        var path = Path.Combine(imageDir, CurrentFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ArtifactInfo>(File.ReadAllBytes(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
