using System.Net.Http.Headers;
using System.Text;
using Harness.Platform.Gateway;

namespace Harness.Platform.Tests.Gateway;

/// <summary>A real gateway (the embedded platform on a free loopback port) over a <see cref="TestProvider"/>, with clients that do and do not authenticate.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    private GatewayFixture(EmbeddedPlatform platform, TestProvider provider, string state)
    {
        Platform = platform;
        Provider = provider;
        StateDirectory = state;
        Anonymous = new HttpClient { BaseAddress = platform.Url, Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient { BaseAddress = platform.Url, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{platform.Credentials.User}:{platform.Credentials.Password}")));
    }

    public EmbeddedPlatform Platform { get; }

    public TestProvider Provider { get; }

    public string StateDirectory { get; }

    public HttpClient Anonymous { get; }

    public HttpClient Admin { get; }

    public static async Task<GatewayFixture> StartAsync(GatewayOptions? options = null, Func<TestProvider, Harness.Platform.Contracts.IFunctionProvider>? wrap = null)
    {
        var state = Directory.CreateTempSubdirectory("harness-gw-").FullName;
        var provider = new TestProvider();
        var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Port = 0,
            StateDirectory = state,
            Gateway = options ?? new GatewayOptions(),
            ProviderFactory = (_, _) => ValueTask.FromResult(wrap is null ? provider : wrap(provider)),
        });
        return new GatewayFixture(platform, provider, state);
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        Admin.Dispose();
        await Platform.StopAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
