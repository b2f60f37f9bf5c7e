using Harness.Platform.Contracts;
using Harness.Platform.Stack;

namespace Harness.Platform.Tests.Stack;

public sealed class StackParserTests
{
    // The shape of the user's article: classic python3, write_debug as a YAML boolean, the readonly annotation.
    private const string ArticleShape = """
        version: 1.0
        provider:
          name: openfaas
          gateway: http://127.0.0.1:8080
        functions:
          checkout:
            lang: python3
            handler: ./fn
            image: example-user/checkout:latest
            environment:
              write_debug: true
            # the annotation below is what the article uses to ask for a read-only root
            annotations:
              com.openfaas.security.readonly: true
        """;

    [Fact]
    public void The_article_shape_parses_into_a_deployment_with_the_readonly_warning()
    {
        using var fixture = new StackFixture(ArticleShape);

        var result = fixture.Parse();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var stack = result.Stack!;
        Assert.Equal("1.0", stack.Version);
        Assert.Equal("http://127.0.0.1:8080", stack.Provider.Gateway);
        var function = Assert.Single(stack.Functions);
        Assert.Equal("checkout", function.Name);
        Assert.Equal("python3", function.Lang);
        Assert.Equal(Path.Combine(fixture.Root, "fn"), function.HandlerPath);
        Assert.Equal(new SourcePosition(6, 3), function.Position);
        var deployment = function.Deployment;
        Assert.Equal("checkout", deployment.Service);
        Assert.Equal("example-user/checkout:latest", deployment.Image);
        Assert.Equal("true", deployment.EnvVars!["write_debug"]);
        Assert.Equal("true", deployment.Annotations![PlatformDefaults.ReadOnlyAnnotation]);
        Assert.True(deployment.ReadOnlyRootFilesystem);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(14, warning.Line);
        Assert.Equal("functions.checkout.annotations.com.openfaas.security.readonly", warning.Field);
        Assert.Contains("upstream OpenFaaS ignores this annotation (not portable)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("readonly_root_filesystem: true", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_article_shape_with_limits_memory_suggests_the_nested_form()
    {
        using var fixture = new StackFixture(ArticleShape + "\n    limits_memory: 128m\n");

        var result = fixture.Parse();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var suggestion = Assert.Single(result.Warnings, w => w.Field == "functions.checkout.limits_memory");
        Assert.Equal(15, suggestion.Line);
        Assert.Equal("unknown key 'limits_memory' is ignored; did you mean 'limits: {memory: 128m}'?", suggestion.Message);
        Assert.Null(result.Stack!.Functions[0].Deployment.Limits);
    }

    [Theory]
    [InlineData("env", "'environment'")]
    [InlineData("lnag", "'lang'")]
    [InlineData("imgae", "'image'")]
    [InlineData("secret", "'secrets'")]
    [InlineData("requests_cpu", "'requests: {cpu: x}'")]
    [InlineData("read_only", "'readonly_root_filesystem'")]
    public void Unknown_keys_are_warnings_with_a_suggestion(string key, string suggestion)
    {
        var result = StackFixture.Parse($"provider:\n  name: openfaas\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    {key}: x\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(7, warning.Line);
        Assert.Contains($"did you mean {suggestion}?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_without_a_close_match_lists_the_known_keys()
    {
        var result = StackFixture.Parse("provider:\n  name: openfaas\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\nflavour: mint\n");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("flavour", warning.Field);
        Assert.Equal("unknown key 'flavour' is ignored; known keys here: version, provider, functions, configuration", warning.Message);
    }

    [Fact]
    public void Yaml_booleans_numbers_and_nulls_become_strings()
    {
        var result = StackFixture.Parse("""
            provider: {name: openfaas}
            functions:
              pay:
                image: pay
                skip_build: true
                environment:
                  DEBUG: True
                  RATIO: 0.5
                  EMPTY:
                  QUOTED: "yes"
                labels:
                  com.openfaas.scale.min: 1
                  com.openfaas.scale.zero: false
                annotations:
                  retries: 3
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var deployment = result.Stack!.Functions[0].Deployment;
        Assert.Equal("true", deployment.EnvVars!["DEBUG"]);
        Assert.Equal("0.5", deployment.EnvVars["RATIO"]);
        Assert.Equal("", deployment.EnvVars["EMPTY"]);
        Assert.Equal("yes", deployment.EnvVars["QUOTED"]);
        Assert.Equal("1", deployment.Labels![PlatformDefaults.ScaleMinLabel]);
        Assert.Equal("false", deployment.Labels[PlatformDefaults.ScaleZeroLabel]);
        Assert.Equal("3", deployment.Annotations!["retries"]);
        Assert.False(deployment.ReadOnlyRootFilesystem);
    }

    [Fact]
    public void Every_field_maps_to_the_deployment()
    {
        using var fixture = new StackFixture("""
            version: 1.0
            provider:
              name: openfaas
            functions:
              pay:
                lang: python3-http
                handler: ./fn
                image: me/pay:0.1
                fprocess: python3 index.py
                namespace: staging
                secrets: [api-key, db.password]
                limits: {memory: 128Mi, cpu: 500m}
                requests: {memory: 64Mi, cpu: "0.1"}
                constraints: ["node.platform.os == linux"]
                readonly_root_filesystem: true
                build_args: {PIP_INDEX: local}
                build_options: [dev]
                platforms: linux/amd64
            configuration:
              templates: [{name: python3-http}]
            """);

        var result = fixture.Parse();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var function = result.Stack!.Functions[0];
        Assert.Equal("python3-http", function.Lang);
        Assert.Equal("./fn", function.Handler);
        Assert.Equal("local", function.BuildArgs["PIP_INDEX"]);
        var d = function.Deployment;
        Assert.Equal("python3 index.py", d.EnvProcess);
        Assert.Equal("staging", d.Namespace);
        Assert.Equal(["api-key", "db.password"], d.Secrets);
        Assert.Equal(new FunctionResources { Memory = "128Mi", Cpu = "500m" }, d.Limits);
        Assert.Equal(new FunctionResources { Memory = "64Mi", Cpu = "0.1" }, d.Requests);
        Assert.Equal(["node.platform.os == linux"], d.Constraints);
        Assert.True(d.ReadOnlyRootFilesystem);
        Assert.Null(d.EnvVars);
        Assert.Null(d.Labels);
    }

    // What validate accepts, the provider applies: one parser (a CPU limit of "1Gi" or a memory limit of "0.5" bytes are refused).
    [Theory]
    [InlineData("128m", "0.5")]
    [InlineData("128Mi", "500m")]
    [InlineData("1G", "2")]
    [InlineData("1Gi", "100m")]
    [InlineData("1e9", "1")]
    public void Valid_quantities_are_accepted(string memory, string cpu)
    {
        var result = StackFixture.Parse($"provider: {{name: openfaas}}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    limits: {{memory: {memory}, cpu: {cpu}}}\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(memory, result.Stack!.Functions[0].Deployment.Limits!.Memory);
    }

    [Fact]
    public void Memory_in_lowercase_m_warns_that_kubernetes_reads_millibytes()
    {
        var result = StackFixture.Parse("provider: {name: openfaas}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    limits: {memory: 128m}\n");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("functions.pay.limits.memory", warning.Field);
        Assert.Contains("write 128Mi or 128M", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_files_override_environment_and_the_last_file_wins()
    {
        using var fixture = new StackFixture("""
            provider: {name: openfaas}
            functions:
              pay:
                image: pay
                skip_build: true
                environment: {A: inline, B: inline, C: inline}
                environment_file: [first.yml, conf/second.yml]
            """);
        fixture.WriteFile("first.yml", "environment:\n  B: first\n  C: first\n");
        fixture.WriteFile("conf/second.yml", "environment:\n  C: second\n  D: 4\n");

        var result = fixture.Parse();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var env = result.Stack!.Functions[0].Deployment.EnvVars!;
        Assert.Equal("inline", env["A"]);
        Assert.Equal("first", env["B"]);
        Assert.Equal("second", env["C"]);
        Assert.Equal("4", env["D"]);
    }

    [Fact]
    public void Merge_keys_share_settings_between_functions()
    {
        var result = StackFixture.Parse("""
            provider: {name: openfaas}
            functions:
              a: &base
                image: a
                skip_build: true
                labels: {team: pay}
              b:
                <<: *base
                image: b
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var b = result.Stack!.Functions[1].Deployment;
        Assert.Equal("b", b.Image);
        Assert.Equal("pay", b.Labels!["team"]);
    }

    [Fact]
    public void Substitution_applies_to_values_with_defaults_and_assignment()
    {
        var env = new Dictionary<string, string> { ["TAG"] = "0.2", ["EMPTY"] = "" };
        var result = StackFixture.Parse("""
            provider:
              name: openfaas
              gateway: ${GW:-http://127.0.0.1:9999}
            functions:
              pay:
                image: ${REG:-docker.io/me}/pay:${TAG}
                skip_build: ${SKIP:=true}
                environment:
                  SKIP_AGAIN: ${SKIP}
                  MISSING: x${NOPE}y
                  KEPT: ${EMPTY=unused}
                  DEFAULTED: ${EMPTY:-used}
            """, env);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var stack = result.Stack!;
        Assert.Equal("http://127.0.0.1:9999", stack.Provider.Gateway);
        var function = stack.Functions[0];
        Assert.Equal("docker.io/me/pay:0.2", function.Deployment.Image);
        Assert.True(function.SkipBuild);
        var vars = function.Deployment.EnvVars!;
        Assert.Equal("true", vars["SKIP_AGAIN"]);
        Assert.Equal("xy", vars["MISSING"]);
        Assert.Equal("", vars["KEPT"]);
        Assert.Equal("used", vars["DEFAULTED"]);
    }

    [Fact]
    public void Default_file_is_stack_yaml_then_stack_yml()
    {
        var dir = Directory.CreateTempSubdirectory("harness-stackdefault-").FullName;
        try
        {
            Assert.Equal("stack.yml", StackFileParser.ResolveDefaultPath(dir));
            File.WriteAllText(Path.Combine(dir, "stack.yml"), "");
            Assert.Equal("stack.yml", StackFileParser.ResolveDefaultPath(dir));
            File.WriteAllText(Path.Combine(dir, "stack.yaml"), "");
            Assert.Equal("stack.yaml", StackFileParser.ResolveDefaultPath(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
