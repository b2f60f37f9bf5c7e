using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Templates;

public sealed class FunctionBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Python3_defaults_to_fork_mode_with_the_template_and_the_handler_under_function()
    {
        using var fx = new TemplateFixture();
        var handler = fx.Handler("fn", ("handler.py", "def handle(req):\n    return req\n"), ("lib/util.py", "X = 1\n"));

        var artifact = FunctionBuilder.Build(
            new FunctionBuildRequest
            {
                FunctionName = "echo",
                Lang = "python3",
                HandlerDirectory = handler,
                OutputDirectory = Path.Combine(fx.Root, "out", "echo"),
                Environment = new Dictionary<string, string> { ["write_debug"] = "true" },
            },
            new FixedTime());

        Assert.Equal("serializing", artifact.Mode);
        Assert.Equal("echo:latest", artifact.Image);
        Assert.EndsWith(" index.py", artifact.Fprocess, StringComparison.Ordinal);
        Assert.DoesNotContain("pyenv", artifact.Fprocess, StringComparison.Ordinal);
        Assert.Equal("true", artifact.Environment["cgi_response"]);
        Assert.Equal("false", artifact.Environment["combine_output"]);
        Assert.Equal("true", artifact.Environment["write_debug"]);
        Assert.Equal(artifact.Fprocess, artifact.Environment["fprocess"]);
        foreach (var file in new[] { "index.py", "server.py", "harness_runtime.py", "function/handler.py", "function/lib/util.py", FunctionArtifact.ManifestFileName })
        {
            Assert.True(File.Exists(Path.Combine(artifact.Directory, file)), file);
        }

        var loaded = FunctionBuilder.Load(artifact.Directory);
        Assert.Equal(Now, loaded.CreatedAt);
        Assert.Equal(artifact.Environment, loaded.Environment);
        Assert.Equal(artifact.Directory, loaded.Directory);
    }

    [Fact]
    public void Python3_http_defaults_to_http_mode_on_a_free_port_and_a_stack_mode_overrides()
    {
        using var fx = new TemplateFixture();
        var handler = fx.Handler("fn", ("handler.py", "def handle(event, context):\n    return 'hi'\n"));
        var http = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "h",
            Lang = "python3-http",
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(fx.Root, "h"),
        });
        var classicHttp = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "c",
            Lang = "python3",
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(fx.Root, "c"),
            Environment = new Dictionary<string, string> { ["mode"] = "http" },
        });

        Assert.Equal("http", http.Mode);
        Assert.EndsWith(" server.py", http.Fprocess, StringComparison.Ordinal);
        Assert.Equal(FunctionBuilder.DefaultUpstreamUrl, http.Environment["upstream_url"]);
        Assert.False(http.Environment.ContainsKey("cgi_response"));
        Assert.Equal("http", classicHttp.Mode);
        Assert.EndsWith(" server.py", classicHttp.Fprocess, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_runs_the_stack_fprocess_in_the_handler_folder_or_takes_it_from_the_dockerfile()
    {
        using var fx = new TemplateFixture();
        var plain = fx.Handler("plain", ("data.txt", "x"));
        var withDockerfile = fx.Handler("df", ("Dockerfile", "FROM scratch\nENV fprocess=\"wc -c\"\n"));

        var given = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "cat", Lang = "dockerfile", HandlerDirectory = plain, OutputDirectory = Path.Combine(fx.Root, "o1"), Fprocess = "cat",
        });
        var fromDockerfile = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "wc", Lang = "dockerfile", HandlerDirectory = withDockerfile, OutputDirectory = Path.Combine(fx.Root, "o2"),
        });

        Assert.Equal("cat", given.Fprocess);
        Assert.Equal("serializing", given.Mode);
        Assert.True(File.Exists(Path.Combine(given.Directory, "data.txt")));
        Assert.False(File.Exists(Path.Combine(given.Directory, "index.py")));
        Assert.Equal("wc -c", fromDockerfile.Fprocess);
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        using var fx = new TemplateFixture();
        var noHandlerPy = fx.Handler("empty");

        var python = Assert.Throws<FunctionBuildException>(() => FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "f", Lang = "python3", HandlerDirectory = noHandlerPy, OutputDirectory = Path.Combine(fx.Root, "o"), Mode = "streaming",
        }));
        var unknown = Assert.Throws<FunctionBuildException>(() => FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "f", Lang = "node18", HandlerDirectory = Path.Combine(fx.Root, "missing"), OutputDirectory = Path.Combine(fx.Root, "o"), Mode = "turbo",
        }));
        var dockerfile = Assert.Throws<FunctionBuildException>(() => FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "f", Lang = "dockerfile", HandlerDirectory = noHandlerPy, OutputDirectory = Path.Combine(fx.Root, "o"), Mode = "http",
        }));

        Assert.Contains(python.Errors, e => e.Contains("no handler.py", StringComparison.Ordinal));
        Assert.Contains(python.Errors, e => e.Contains("not streaming", StringComparison.Ordinal));
        Assert.Equal(3, unknown.Errors.Count);
        Assert.Contains(unknown.Errors, e => e.StartsWith("lang: 'node18'", StringComparison.Ordinal));
        Assert.Contains(dockerfile.Errors, e => e.StartsWith("fprocess:", StringComparison.Ordinal));
        Assert.Contains(dockerfile.Errors, e => e.StartsWith("environment.upstream_url:", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(fx.Root, "o")));
    }

    [Fact]
    public void Rebuilding_replaces_the_folder_as_a_whole()
    {
        using var fx = new TemplateFixture();
        var handler = fx.Handler("fn", ("handler.py", "def handle(req):\n    return req\n"), ("old.txt", "old"));
        var request = new FunctionBuildRequest { FunctionName = "f", Lang = "python3", HandlerDirectory = handler, OutputDirectory = Path.Combine(fx.Root, "o") };
        FunctionBuilder.Build(request);
        File.Delete(Path.Combine(handler, "old.txt"));

        var artifact = FunctionBuilder.Build(request);

        Assert.False(File.Exists(Path.Combine(artifact.Directory, "function", "old.txt")));
        Assert.DoesNotContain(Directory.GetDirectories(fx.Root), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void Python_templates_ship_compiled_bytecode_for_the_runtime_and_the_handler()
    {
        using var fx = new TemplateFixture();
        var handler = fx.Handler("fn", ("handler.py", "def handle(event, context):\n    return 'ok'\n"), ("lib/util.py", "X = 1\n"));

        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "compiled",
            Lang = TemplateCatalog.Python3Http,
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(fx.Root, "out", "compiled"),
        });

        // A read-only root cannot write __pycache__ at run time, so the build has to.
        foreach (var (folder, module) in new[] { ("", "harness_runtime"), ("function", "handler"), ("function/lib", "util") })
        {
            var cache = Path.Combine(artifact.Directory, folder, "__pycache__");
            Assert.True(Directory.Exists(cache) && Directory.EnumerateFiles(cache, module + ".cpython-*.pyc").Any(), $"{module} was not compiled into {cache}");
        }
    }

    [Fact]
    public void Catalog_lists_the_official_python_languages_and_dockerfile() =>
        Assert.Equal(["python3", "python3-debian", "python3-http", "python3-http-debian", "python3-flask", "python3-flask-debian", "dockerfile"], TemplateCatalog.Languages);

    [Theory]
    [InlineData("python")]
    [InlineData("python27-flask")]
    public void Python_2_langs_are_a_clear_error(string lang)
    {
        using var fx = new TemplateFixture();
        var request = new FunctionBuildRequest
        {
            FunctionName = "old",
            Lang = lang,
            HandlerDirectory = fx.Handler("old", ("handler.py", "def handle(req):\n    return req\n")),
            OutputDirectory = Path.Combine(fx.Root, "out"),
        };

        var error = Assert.Single(request.Validate());
        Assert.Contains("Python 2 template", error, StringComparison.Ordinal);
        Assert.Contains("python3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_compat_with_another_value_or_in_http_mode_is_refused()
    {
        using var fx = new TemplateFixture();
        var handler = fx.Handler("fn", ("handler.py", "def handle(req):\n    return req\n"));

        var unknown = Assert.Throws<FunctionBuildException>(() => FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "a",
            Lang = "python3",
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(fx.Root, "a"),
            Environment = new Dictionary<string, string> { ["template_compat"] = "lambda" },
        }));
        var http = Assert.Throws<FunctionBuildException>(() => FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "b",
            Lang = "python3",
            HandlerDirectory = handler,
            OutputDirectory = Path.Combine(fx.Root, "b"),
            Environment = new Dictionary<string, string> { ["template_compat"] = "openfaas", ["mode"] = "http" },
        }));

        Assert.Contains("template_compat: 'lambda' is not known", Assert.Single(unknown.Errors), StringComparison.Ordinal);
        Assert.Contains("fork (serializing) mode only", Assert.Single(http.Errors), StringComparison.Ordinal);
    }
}
