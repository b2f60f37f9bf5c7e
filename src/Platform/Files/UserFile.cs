using System.Runtime.InteropServices;
using System.Text;

namespace Harness.Platform.Files;

/// <summary>
/// The one way a file the user named (a stack, scenario, target, policy, nginx configuration, IP table, kubeconfig,
/// results.json, password or secret file) is read: it must be a regular file of a sane size, else the read fails with an
/// <see cref="IOException"/> whose message names the file and says what it is instead.
/// </summary>
/// <remarks>
/// One source for every file-format owner: Platform's stack parser uses it here; Harness.Core, Platform.Kubernetes
/// (kubeconfigs), Results and Reports link this file (as AtomicFile is linked). .NET reports devices, FIFOs and sockets
/// as ordinary files: reading <c>/dev/zero</c> whole ends in "Out of memory.", a FIFO blocks forever, and a folder says
/// "Access to the path is denied." So the kind is asked of the kernel (<c>stat</c>, links followed) before the file is
/// opened, and the read stops one byte past the limit whatever the file claims its size is. A missing file is left to
/// the read, whose message is unchanged.
/// </remarks>
internal static partial class UserFile
{
    /// <summary>The limit of a configuration file (YAML, nginx, a password): a real one is a few KiB.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    /// <summary>The limit of a data file (a results.json with histograms, an IP-to-country table).</summary>
    public const long LargeMaxBytes = 512L * 1024 * 1024;

    private const uint TypeMask = 0xF000;   // S_IFMT
    private const uint Regular = 0x8000;    // S_IFREG
    private const uint Folder = 0x4000;     // S_IFDIR

    /// <summary>
    /// What is wrong with <paramref name="path"/> as a file to read, as a phrase that follows its name ("is a folder",
    /// "is not a regular file …", "is N bytes, over the limit of M bytes"); null when it can be read or does not exist
    /// (the read then reports that as before).
    /// </summary>
    public static string? Problem(string path, long maxBytes = DefaultMaxBytes)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null; // missing, as far as the caller's "no such file" is concerned; a read says it is empty
        }

        if (Directory.Exists(path))
        {
            return "is a folder, not a file";
        }

        if (!File.Exists(path))
        {
            return null;
        }

        switch (Kind(path))
        {
            case Folder:
                return "is a folder, not a file";
            case Regular or null:
                break;
            default:
                return "is not a regular file (a device, FIFO or socket)";
        }

        long length;
        try
        {
            length = new FileInfo(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the read reports it
        }

        return length > maxBytes ? TooLarge(length, maxBytes) : null;
    }

    /// <summary>True for a regular file; true also where the kind cannot be asked (not Linux, a path that cannot be stat'ed).</summary>
    public static bool IsRegular(string path) => Kind(path) is Regular or null;

    /// <summary>Throws an <see cref="IOException"/> naming <paramref name="path"/> when <see cref="Problem"/> finds one.</summary>
    public static void Check(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            // .NET says "The value cannot be an empty string. (Parameter 'path')", an ArgumentException no reader expects.
            throw new FileNotFoundException("an empty file name was given");
        }

        if (Problem(path, maxBytes) is { } problem)
        {
            throw new IOException($"{path} {problem}");
        }
    }

    /// <summary>The whole file, checked first; at most <paramref name="maxBytes"/> are ever read.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes = DefaultMaxBytes)
    {
        Check(path, maxBytes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            Append(content, buffer, read, path, maxBytes);
        }

        return content.ToArray();
    }

    /// <inheritdoc cref="ReadAllBytes"/>
    public static async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken, long maxBytes = DefaultMaxBytes)
    {
        Check(path, maxBytes);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            using var content = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Append(content, buffer, read, path, maxBytes);
            }

            return content.ToArray();
        }
    }

    /// <summary>The whole file as text (UTF-8 unless a byte-order mark says otherwise, as <see cref="File.ReadAllText(string)"/>).</summary>
    public static string ReadAllText(string path, long maxBytes = DefaultMaxBytes) => Decode(ReadAllBytes(path, maxBytes));

    /// <inheritdoc cref="ReadAllText"/>
    public static async Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken, long maxBytes = DefaultMaxBytes)
        => Decode(await ReadAllBytesAsync(path, cancellationToken, maxBytes).ConfigureAwait(false));

    private static void Append(MemoryStream content, byte[] buffer, int read, string path, long maxBytes)
    {
        // The size stat reports is not trusted (a file that grows, a /proc file that says 0): the read itself stops.
        if (content.Length + read > maxBytes)
        {
            throw new IOException($"{path} {TooLarge(null, maxBytes)}");
        }

        content.Write(buffer, 0, read);
    }

    private static string TooLarge(long? length, long maxBytes) =>
        length is { } n ? $"is {n} bytes, over the limit of {maxBytes} bytes" : $"is over the limit of {maxBytes} bytes";

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The file type bits of <c>st_mode</c> (links followed), or null where they cannot be asked.</summary>
    private static uint? Kind(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // st_mode sits after st_dev, st_ino and (on x86-64) st_nlink; the generic layout (arm64) has st_nlink after it.
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            return null; // the read that follows reports the real error (missing, no permission)
        }

        return BitConverter.ToUInt32(buffer, offset) & TypeMask;
    }

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}
