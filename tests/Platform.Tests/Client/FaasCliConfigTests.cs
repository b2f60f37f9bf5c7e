using Harness.Platform.Client;

namespace Harness.Platform.Tests.Client;

public sealed class FaasCliConfigTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("harness-home-").FullName;

    private string ConfigDir => Path.Combine(_home, ".openfaas");

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Login_writes_faas_clis_exact_format_with_private_permissions()
    {
        var config = new FaasCliConfig(ConfigDir);

        config.Save("http://127.0.0.1:8080/", GatewayCredentials.Basic("admin", "pass"));

        // base64("admin:pass") = YWRtaW46cGFzcw==; the trailing '/' is dropped, as faas-cli login does.
        Assert.Equal("auths:\n- gateway: http://127.0.0.1:8080\n  auth: basic\n  token: YWRtaW46cGFzcw==\n", File.ReadAllText(config.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ConfigDir));
    }

    [Fact]
    public void A_file_written_by_faas_cli_is_read_and_its_other_entries_survive_an_update()
    {
        Directory.CreateDirectory(ConfigDir);
        File.WriteAllText(Path.Combine(ConfigDir, "config.yml"), """
            auths:
            - gateway: https://faas.example.no
              auth: oauth2
              token: eyJhbGciOi
              options:
              - name: client_id
                value: harness
            - gateway: http://127.0.0.1:8080
              auth: basic
              token: YWRtaW46b2xk
            """);
        var config = new FaasCliConfig(ConfigDir);

        var old = config.Lookup("http://127.0.0.1:8080/");
        config.Save("http://127.0.0.1:8080", GatewayCredentials.Basic("admin", "new"));
        config.Save("http://127.0.0.1:9090", GatewayCredentials.Basic("ops", "x"));

        Assert.Equal("admin", old!.User);
        Assert.Equal("Basic YWRtaW46b2xk", old.ToHeader().ToString());
        var reread = new FaasCliConfig(ConfigDir);
        Assert.Equal("Bearer eyJhbGciOi", reread.Lookup("https://faas.example.no")!.ToHeader().ToString());
        Assert.Equal(GatewayCredentials.Basic("admin", "new").Token, reread.Lookup("http://127.0.0.1:8080")!.Token);
        Assert.Equal("ops", reread.Lookup("http://127.0.0.1:9090")!.User);
        var text = File.ReadAllText(config.FilePath);
        Assert.Contains("  options:\n  - name: client_id\n    value: harness\n", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("- gateway:").Length - 1);
    }

    [Fact]
    public void Remove_drops_only_that_gateway()
    {
        var config = new FaasCliConfig(ConfigDir);
        config.Save("http://a:8080", GatewayCredentials.Basic("a", "1"));
        config.Save("http://b:8080", GatewayCredentials.Basic("b", "2"));

        Assert.True(config.Remove("http://a:8080/"));
        Assert.False(config.Remove("http://a:8080"));
        Assert.Null(config.Lookup("http://a:8080"));
        Assert.Equal("b", config.Lookup("http://b:8080")!.User);
    }

    [Fact]
    public void No_file_means_no_credentials()
    {
        Assert.Null(new FaasCliConfig(ConfigDir).Lookup("http://127.0.0.1:8080"));
    }

    [Fact]
    public void A_broken_file_is_reported_with_its_path_and_line()
    {
        Directory.CreateDirectory(ConfigDir);
        File.WriteAllText(Path.Combine(ConfigDir, "config.yml"), "auths:\n- gateway: [unclosed\n");

        var error = Assert.Throws<InvalidDataException>(() => new FaasCliConfig(ConfigDir).Lookup("http://x"));

        Assert.StartsWith(Path.Combine(ConfigDir, "config.yml") + ":", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "home/.openfaas")]
    [InlineData("/custom", "", "/custom")]
    [InlineData("/custom", "true", "/custom")]
    [InlineData("", "true", "work/.openfaas")]
    [InlineData("", "false", "home/.openfaas")]
    public void The_config_folder_follows_faas_cli(string openfaasConfig, string ci, string expected)
    {
        var env = new Dictionary<string, string>();
        if (openfaasConfig.Length > 0)
        {
            env["OPENFAAS_CONFIG"] = openfaasConfig;
        }

        if (ci.Length > 0)
        {
            env["CI"] = ci;
        }

        Assert.Equal(expected, FaasCliConfig.ResolveDirectory(env, "home", "work"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
