using System.Diagnostics;
using System.Text;
using Harness.Platform.Files;

namespace Harness.Platform.Tests.Files;

/// <summary>The one reader of user-named files: regular files of a sane size only, refused with a message naming the file.</summary>
public sealed class UserFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-userfile-").FullName;

    [Fact]
    public void A_regular_file_is_read_whole_as_utf8_with_its_byte_order_mark_removed()
    {
        var path = Path.Combine(_dir, "a.yml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. "name: å\n"u8.ToArray()]);

        Assert.Null(UserFile.Problem(path));
        Assert.Equal("name: å\n", UserFile.ReadAllText(path));
        Assert.Equal(File.ReadAllBytes(path), UserFile.ReadAllBytes(path));
    }

    [Fact]
    public void A_device_is_refused_before_it_is_read()
    {
        var error = Assert.Throws<IOException>(() => UserFile.ReadAllText("/dev/zero"));

        Assert.Equal("/dev/zero is not a regular file (a device, FIFO or socket)", error.Message);
        Assert.False(UserFile.IsRegular("/dev/null"));
    }

    [Fact]
    public async Task A_fifo_is_refused_without_blocking()
    {
        var fifo = Path.Combine(_dir, "pipe");
        using (var mk = Process.Start("mkfifo", fifo))
        {
            await mk.WaitForExitAsync();
        }

        var read = Task.Run(() => UserFile.ReadAllText(fifo));

        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Contains("is not a regular file", (await Assert.ThrowsAsync<IOException>(() => read)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_is_named_as_one()
    {
        Assert.Equal($"{_dir} is a folder, not a file", Assert.Throws<IOException>(() => UserFile.ReadAllBytes(_dir)).Message);
        Assert.Equal($"{_dir} is a folder, not a file", (await Assert.ThrowsAsync<IOException>(() => UserFile.ReadAllTextAsync(_dir, CancellationToken.None))).Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_and_a_missing_one_reports_as_before()
    {
        var path = Path.Combine(_dir, "big.yml");
        File.WriteAllText(path, new string('x', 2000));

        Assert.Equal("is 2000 bytes, over the limit of 1000 bytes", UserFile.Problem(path, maxBytes: 1000));
        Assert.Contains("over the limit of 1000 bytes", Assert.Throws<IOException>(() => UserFile.ReadAllText(path, maxBytes: 1000)).Message, StringComparison.Ordinal);
        Assert.Null(UserFile.Problem(Path.Combine(_dir, "missing.yml")));
        Assert.Throws<FileNotFoundException>(() => UserFile.ReadAllText(Path.Combine(_dir, "missing.yml")));
    }

    [Fact]
    public void A_link_to_a_device_is_judged_by_what_it_points_at()
    {
        var link = Path.Combine(_dir, "zero.yml");
        File.CreateSymbolicLink(link, "/dev/zero");

        Assert.Contains("is not a regular file", Assert.Throws<IOException>(() => UserFile.ReadAllText(link)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
