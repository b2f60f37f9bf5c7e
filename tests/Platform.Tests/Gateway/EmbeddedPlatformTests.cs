using System.Net;
using System.Net.Sockets;
using Harness.Platform.Contracts;
using Harness.Platform.Gateway;

namespace Harness.Platform.Tests.Gateway;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EmbeddedPlatformTests
{
    [Fact]
    public async Task First_start_writes_private_credential_files_and_later_starts_reuse_them()
    {
        var state = Directory.CreateTempSubdirectory("harness-ep-").FullName;
        try
        {
            var provider = new TestProvider();
            var options = new EmbeddedPlatformOptions { Port = 0, StateDirectory = state, ProviderFactory = (_, _) => ValueTask.FromResult<IFunctionProvider>(provider) };
            BasicAuthCredentials first;
            await using (var platform = await EmbeddedPlatform.StartAsync(options))
            {
                Assert.True(platform.CredentialsCreated);
                first = platform.Credentials;
                Assert.Equal("admin", File.ReadAllText(platform.UserFile));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(platform.PasswordFile));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(platform.UserFile));
                Assert.Equal("127.0.0.1", platform.Url.Host);
                Assert.NotEqual(0, platform.Url.Port);
            }

            Assert.True(provider.Disposed);
            await using var again = await EmbeddedPlatform.StartAsync(options);
            Assert.False(again.CredentialsCreated);
            Assert.Equal(first, again.Credentials);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error_and_the_provider_is_released()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var state = Directory.CreateTempSubdirectory("harness-ep-").FullName;
        var provider = new TestProvider();
        try
        {
            var e = await Assert.ThrowsAsync<PlatformStartException>(() => EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = port,
                StateDirectory = state,
                ProviderFactory = (_, _) => ValueTask.FromResult<IFunctionProvider>(provider),
            }));
            Assert.Contains($"port {port}", e.Message);
            Assert.Contains("already in use", e.Message);
            Assert.True(provider.Disposed);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_options_are_all_reported_before_anything_starts()
    {
        var e = await Assert.ThrowsAsync<PlatformStartException>(() => EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Port = -1,
            Bind = "nowhere",
            StateDirectory = "",
        }));
        Assert.Contains("port -1", e.Message);
        Assert.Contains("bind address", e.Message);
        Assert.Contains("state directory", e.Message);
    }
}
