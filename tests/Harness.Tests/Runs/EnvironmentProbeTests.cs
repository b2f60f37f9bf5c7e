using Harness.Runs;

namespace Harness.Tests.Runs;

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
