using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

/// <summary>The temporary state folder of a run killed outright is removed by the next run; nobody else's is touched.</summary>
public sealed class TemporaryStateFolderTests : IDisposable
{
    private readonly string _prefix = $"harness-tsf-{Guid.NewGuid():N}-";
    private readonly List<string> _made = [];

    [Fact]
    public void Folders_of_dead_owners_are_removed_and_the_new_one_is_owned()
    {
        // PID 999999999 is beyond any pid_max: that owner is certainly gone.
        var dead = Make("dead", "999999999.1");
        var alive = Make("alive", ProcessOwner.Current);
        var unowned = Make("unowned", null);

        var created = TemporaryStateFolder.Create(_prefix);
        _made.Add(created);

        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(alive));
        Assert.True(Directory.Exists(unowned));
        Assert.Equal(ProcessOwner.Current, File.ReadAllText(Path.Combine(created, ".harness-owner")));
    }

    [Fact]
    public async Task A_process_marked_with_a_dead_owners_folder_is_killed_before_the_folder_goes()
    {
        var dead = Make("dead-with-etcd", "999999999.1");
        var start = new System.Diagnostics.ProcessStartInfo("sleep", "300") { UseShellExecute = false };
        start.Environment[TemporaryStateFolder.OwnerVariable] = dead;
        using var leftover = System.Diagnostics.Process.Start(start)!;
        var other = new System.Diagnostics.ProcessStartInfo("sleep", "300") { UseShellExecute = false };
        other.Environment[TemporaryStateFolder.OwnerVariable] = dead + "-not-this-one";
        using var bystander = System.Diagnostics.Process.Start(other)!;
        try
        {
            _made.Add(TemporaryStateFolder.Create(_prefix));

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await leftover.WaitForExitAsync(deadline.Token);
            Assert.False(Directory.Exists(dead));
            Assert.False(bystander.HasExited);
        }
        finally
        {
            foreach (var p in new[] { leftover, bystander }.Where(p => !p.HasExited))
            {
                p.Kill();
            }
        }
    }

    private string Make(string name, string? owner)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), _prefix + name)).FullName;
        _made.Add(dir);
        File.WriteAllText(Path.Combine(dir, "state.json"), "{}");
        if (owner is not null)
        {
            File.WriteAllText(Path.Combine(dir, ".harness-owner"), owner);
        }

        return dir;
    }

    public void Dispose()
    {
        foreach (var dir in _made.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
