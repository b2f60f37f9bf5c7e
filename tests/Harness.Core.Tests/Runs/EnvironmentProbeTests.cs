using Harness.Runs;

namespace Harness.Core.Tests.Runs;

public sealed class EnvironmentProbeTests
{
    [Fact]
    public void Git_head_is_read_from_loose_and_packed_refs()
    {
        var root = Directory.CreateTempSubdirectory("harness-git-").FullName;
        try
        {
            var git = Directory.CreateDirectory(Path.Combine(root, ".git")).FullName;
            var nested = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
            File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
            File.WriteAllText(Path.Combine(git, "packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n1111111111111111111111111111111111111111 refs/heads/main\n");

            Assert.Equal("1111111111111111111111111111111111111111", EnvironmentProbe.GitHead(nested));

            Directory.CreateDirectory(Path.Combine(git, "refs", "heads"));
            File.WriteAllText(Path.Combine(git, "refs", "heads", "main"), "2222222222222222222222222222222222222222\n");
            Assert.Equal("2222222222222222222222222222222222222222", EnvironmentProbe.GitHead(nested));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Git_head_of_a_linked_worktree_is_read_through_its_gitdir_file()
    {
        if (!File.Exists("/usr/bin/git"))
        {
            Console.WriteLine("skipped: /usr/bin/git is not installed");
            return;
        }

        var root = Directory.CreateTempSubdirectory("harness-gitwt-").FullName;
        try
        {
            var repo = Path.Combine(root, "repo");
            var worktree = Path.Combine(root, "wt");
            Directory.CreateDirectory(repo);
            Git(repo, "init", "-q", "-b", "main");
            Git(repo, "-c", "user.name=t", "-c", "user.email=t@example.no", "commit", "-q", "--allow-empty", "-m", "one");
            Git(repo, "worktree", "add", "-q", "-b", "side", worktree);
            Git(worktree, "-c", "user.name=t", "-c", "user.email=t@example.no", "commit", "-q", "--allow-empty", "-m", "two");
            var expected = Git(worktree, "rev-parse", "HEAD").Trim();
            Assert.NotEqual(Git(repo, "rev-parse", "HEAD").Trim(), expected);

            Assert.True(File.Exists(Path.Combine(worktree, ".git")), "a linked worktree has a .git file");
            Assert.Equal(expected, EnvironmentProbe.GitHead(Directory.CreateDirectory(Path.Combine(worktree, "sub")).FullName));

            // Refs packed into the common directory are found too.
            Git(repo, "pack-refs", "--all");
            Assert.Equal(expected, EnvironmentProbe.GitHead(worktree));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "git did not finish");
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }

    [Fact]
    public void No_repository_gives_no_commit()
    {
        var root = Directory.CreateTempSubdirectory("harness-nogit-").FullName;
        try
        {
            Assert.Null(EnvironmentProbe.GitHead(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
