using System.Runtime.CompilerServices;

namespace Harness.Platform.Kubernetes.Tests.Golden;

/// <summary>Compares text against a committed file; <c>HARNESS_UPDATE_GOLDEN=1</c> rewrites the file instead.</summary>
internal static class GoldenFile
{
    public static string PathOf(string name) => Path.Combine(SourceDirectory(), name);

    public static void AssertMatches(string name, string actual)
    {
        var path = PathOf(name);
        if (Environment.GetEnvironmentVariable("HARNESS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests once with HARNESS_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
