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
    public async Task A_port_in_use_is_a_clear_error_before_the_provider_or_the_state_is_touched()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var state = Directory.CreateTempSubdirectory("harness-ep-").FullName;
        var providerStarted = false;
        try
        {
            var e = await Assert.ThrowsAsync<PlatformStartException>(() => EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = port,
                StateDirectory = state,
                ProviderFactory = (_, _) =>
                {
                    providerStarted = true;
                    return ValueTask.FromResult<IFunctionProvider>(new TestProvider());
                },
            }));
            Assert.Contains($"port {port}", e.Message);
            Assert.Contains("already in use", e.Message);
            // A local provider would have restarted (and then stopped) every stored function: nothing may start.
            Assert.False(providerStarted);
            Assert.Empty(Directory.EnumerateFileSystemEntries(state));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_platform_on_a_state_directory_in_use_is_refused_and_leaves_the_first_alone()
    {
        var state = Directory.CreateTempSubdirectory("harness-ep-").FullName;
        try
        {
            var first = new TestProvider();
            var secondStarted = false;
            await using (var running = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = state,
                ProviderFactory = (_, _) => ValueTask.FromResult<IFunctionProvider>(first),
            }))
            {
                var e = await Assert.ThrowsAsync<PlatformStartException>(() => EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
                {
                    Port = 0,
                    StateDirectory = state,
                    ProviderFactory = (_, _) =>
                    {
                        secondStarted = true;
                        return ValueTask.FromResult<IFunctionProvider>(new TestProvider());
                    },
                }));
                Assert.Contains("in use by another running platform", e.Message);
                Assert.False(secondStarted);
                Assert.False(first.Disposed);
                using var http = new HttpClient();
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(running.Url, "/healthz"))).StatusCode);
            }

            // Stopping releases the folder.
            await using var again = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = state,
                ProviderFactory = (_, _) => ValueTask.FromResult<IFunctionProvider>(new TestProvider()),
            });
            Assert.NotEqual(0, again.Url.Port);
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
