using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Harness.Platform.Tests.Gateway;

/// <summary>What tests of the embedded platform over HTTP share: an admin client, artifact archives, readiness.</summary>
internal static class PlatformHttp
{
    public static HttpClient Admin(EmbeddedPlatform platform)
    {
        var client = new HttpClient { BaseAddress = platform.Url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{platform.Credentials.User}:{platform.Credentials.Password}")));
        return client;
    }

    /// <summary>A built function folder as <c>harness push</c> sends it to <c>PUT /system/artifacts</c>: a gzipped tar.</summary>
    public static async Task<byte[]> TarGzAsync(string directory)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(directory, gzip, includeBaseDirectory: false);
        }

        return buffer.ToArray();
    }

    public static int Available(HttpClient admin, string name)
    {
        using var doc = JsonDocument.Parse(admin.GetStringAsync($"/system/function/{name}").GetAwaiter().GetResult());
        return doc.RootElement.TryGetProperty("availableReplicas", out var n) ? n.GetInt32() : 0;
    }
}
