using Harness.Platform.Stack;

namespace Harness.Platform.Tests.Stack;

public sealed class StackBadInputTests
{
    private const string Head = "version: 1.0\nprovider:\n  name: openfaas\nfunctions:\n";

    // Each case: the stack text, then the line, column (0 = any), field and a fragment of the message of one error.
    public static TheoryData<string, string, int, int, string, string> Cases() => new()
    {
        { "uppercase name", Head + "  Pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n", 5, 3, "functions.Pay", "invalid function name: expected a DNS-1123 label" },
        { "underscore name", Head + "  my_fn:\n    lang: python3\n    handler: ./fn\n    image: pay\n", 5, 3, "functions.my_fn", "invalid function name" },
        { "name ends with dash", Head + "  pay-:\n    lang: python3\n    handler: ./fn\n    image: pay\n", 5, 3, "functions.pay-", "invalid function name" },
        { "name too long", Head + $"  {new string('a', 64)}:\n    lang: python3\n    handler: ./fn\n    image: pay\n", 5, 3, "functions." + new string('a', 64), "64 characters, at most 63 allowed" },
        { "memory lots", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    limits:\n      memory: lots\n", 10, 15, "functions.pay.limits.memory", "invalid quantity 'lots': expected a size such as 128Mi" },
        { "cpu fast", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    requests:\n      cpu: fast\n", 10, 12, "functions.pay.requests.cpu", "invalid quantity 'fast': expected CPU such as 500m" },
        { "negative memory", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    limits: {memory: -1Gi}\n", 9, 22, "functions.pay.limits.memory", "invalid quantity '-1Gi'" },
        { "memory with space", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    limits: {memory: 128 Mi}\n", 9, 22, "functions.pay.limits.memory", "invalid quantity '128 Mi'" },
        { "limits not a mapping", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    limits: 128Mi\n", 9, 13, "functions.pay.limits", "expected a mapping (key: value lines), found a plain value (5 character(s), not shown)" },
        { "handler escapes", Head + "  pay:\n    lang: python3\n    handler: ../outside\n    image: pay\n", 7, 14, "functions.pay.handler", "handler path '../outside' escapes the stack file's folder" },
        { "handler absolute", Head + "  pay:\n    lang: python3\n    handler: /etc\n    image: pay\n", 7, 14, "functions.pay.handler", "escapes the stack file's folder" },
        { "handler missing", Head + "  pay:\n    lang: python3\n    image: pay\n", 5, 3, "functions.pay.handler", "missing; expected the function's source folder" },
        { "python 2 lang", Head + "  pay:\n    lang: python\n    handler: ./fn\n    image: pay\n", 6, 11, "functions.pay.lang", "lang 'python' is the Python 2 template, which OpenFaaS retired and Harness does not run" },
        { "template_compat unknown", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    environment:\n      template_compat: aws\n", 10, 7, "functions.pay.environment", "template_compat: 'aws' is not known" },
        { "unknown lang", Head + "  pay:\n    lang: node12\n    handler: ./fn\n    image: pay\n", 6, 11, "functions.pay.lang", "unknown lang 'node12'; expected one of python3, python3-debian, python3-http, python3-http-debian, python3-flask, python3-flask-debian, dockerfile" },
        { "missing image", Head + "  pay:\n    lang: python3\n    handler: ./fn\n", 5, 3, "functions.pay.image", "missing; expected an image name" },
        { "empty image", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: \"\"\n", 8, 12, "functions.pay.image", "missing; expected an image name" },
        { "environment is a list", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    environment:\n      - A=1\n", 10, 7, "functions.pay.environment", "expected a mapping (key: value lines), found a list" },
        { "environment value nested", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    environment:\n      A: {b: 1}\n", 10, 10, "functions.pay.environment.A", "expected a string, number or boolean, found a mapping" },
        { "secrets scalar", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    secrets: api-key\n", 9, 14, "functions.pay.secrets", "expected a list" },
        { "secret item mapping", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    secrets:\n      - {name: x}\n", 10, 9, "functions.pay.secrets[0]", "expected a string, found a mapping" },
        { "secret bad name", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    secrets: [ok, Bad_Name]\n", 9, 19, "functions.pay.secrets[1]", "invalid secret name 'Bad_Name'" },
        { "label value list", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    labels:\n      team: [a, b]\n", 10, 13, "functions.pay.labels.team", "expected a string, number or boolean, found a list" },
        { "scale.min not a number", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    labels:\n      com.openfaas.scale.min: abc\n", 10, 31, "functions.pay.labels.com.openfaas.scale.min", "must be an integer >= 0" },
        { "scale.type unknown", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    labels:\n      com.openfaas.scale.type: cpu\n", 10, 32, "functions.pay.labels.com.openfaas.scale.type", "is not supported: use rps" },
        { "scale.zero-duration bad", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    labels:\n      com.openfaas.scale.zero-duration: soon\n", 10, 41, "functions.pay.labels.com.openfaas.scale.zero-duration", "zero-duration" },
        { "scale.min above max", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    labels:\n      com.openfaas.scale.min: 5\n      com.openfaas.scale.max: 2\n", 10, 7, "functions.pay.labels", "is greater than com.openfaas.scale.max=2" },
        { "readonly not boolean", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    readonly_root_filesystem: maybe\n", 9, 31, "functions.pay.readonly_root_filesystem", "expected true or false, found 'maybe'" },
        { "skip_build not boolean", Head + "  pay:\n    image: pay\n    skip_build: [x]\n", 7, 17, "functions.pay.skip_build", "expected true or false, found a list" },
        { "constraints mapping", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    constraints: {node: x}\n", 9, 18, "functions.pay.constraints", "expected a list" },
        { "environment_file missing", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    environment_file:\n      - nothere.yml\n", 10, 9, "functions.pay.environment_file[0]", "cannot read environment file 'nothere.yml'" },
        { "environment_file scalar", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    environment_file: env.yml\n", 9, 23, "functions.pay.environment_file", "expected a list" },
        { "namespace invalid", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    namespace: Prod\n", 9, 16, "functions.pay.namespace", "invalid namespace 'Prod'" },
        { "fprocess mapping", Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    fprocess: {cmd: cat}\n", 9, 15, "functions.pay.fprocess", "expected a string, found a mapping" },
        { "provider name faas", "provider:\n  name: faas\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n", 2, 9, "provider.name", "expected 'openfaas' (the only valid provider name), found 'faas'" },
        { "provider missing", "functions:\n  pay:\n    image: pay\n    skip_build: true\n", 1, 1, "provider", "missing; expected 'provider: {name: openfaas}'" },
        { "provider name missing", "provider:\n  gateway: http://127.0.0.1:8080\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n", 2, 3, "provider.name", "missing; expected 'openfaas'" },
        { "gateway not a url", "provider:\n  name: openfaas\n  gateway: localhost:8080\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n", 3, 12, "provider.gateway", "expected an absolute http:// or https:// URL" },
        { "version 2", "version: 2.0\nprovider:\n  name: openfaas\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n", 1, 10, "version", "expected 1.0 (the only stack file version), found '2.0'" },
        { "functions missing", "provider:\n  name: openfaas\n", 1, 1, "functions", "missing; expected a mapping of function names" },
        { "functions empty", "provider:\n  name: openfaas\nfunctions: {}\n", 3, 12, "functions", "expected at least one function" },
        { "functions a list", "provider:\n  name: openfaas\nfunctions:\n  - pay\n", 4, 3, "functions", "expected a mapping (key: value lines), found a list" },
        { "function a scalar", Head + "  pay: hello\n", 5, 8, "functions.pay", "expected a mapping (key: value lines), found a plain value (5 character(s), not shown)" },
        { "duplicate function", Head + "  pay:\n    image: a\n    skip_build: true\n  pay:\n    image: b\n    skip_build: true\n", 8, 3, "", "duplicate key 'pay'" },
        { "syntax unclosed quote", Head + "  pay:\n    image: \"pay\n    skip_build: true\n", 6, 12, "", "YAML syntax error: While scanning a multi-line double-quoted scalar, found wrong indentation" },
        { "syntax bad indentation", Head + "  pay:\n    image: pay\n   lang: python3\n", 7, 4, "", "YAML syntax error: While parsing a block mapping, did not find expected key" },
        { "syntax tab", Head + "  pay:\n\timage: pay\n", 6, 1, "", "YAML syntax error: While scanning a mapping, found invalid tab as indentation" },
        { "syntax unclosed flow list", Head + "  pay:\n    image: pay\n    secrets: [a, b\n    skip_build: true\n", 7, 15, "", "YAML syntax error: not valid YAML from here on (an unclosed '[' or '{'?)" },
        { "unknown alias", Head + "  pay:\n    image: pay\n    skip_build: true\n    labels: *common\n", 8, 13, "", "unknown alias '*common'" },
        { "root is a list", "- a\n- b\n", 1, 1, "", "expected a mapping (key: value lines), found a list" },
        { "empty file", "# nothing here\n", 1, 1, "", "the stack file is empty" },
        { "unsupported substitution", Head + "  pay:\n    image: ${REG:?unset}/pay\n    skip_build: true\n", 6, 12, "functions.pay.image", "unsupported substitution '${REG:?unset}'" },
        { "unterminated substitution", Head + "  pay:\n    image: ${REG/pay\n    skip_build: true\n", 6, 12, "functions.pay.image", "unterminated '${'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_error_with_its_line_column_field_and_message(string name, string yaml, int line, int column, string field, string message)
    {
        var result = StackFixture.Parse(yaml);

        Assert.False(result.Succeeded, name);
        Assert.Null(result.Stack);
        var match = result.Errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal) && e.Field == field);
        Assert.True(match is not null, $"{name}: no error '{field}: {message}' in:\n{string.Join("\n", result.Diagnostics)}");
        if (line > 0)
        {
            Assert.Equal(line, match.Line);
        }

        if (column > 0)
        {
            Assert.Equal(column, match.Column);
        }

        Assert.EndsWith("stack.yml", match.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Collects_every_error_in_one_pass()
    {
        var yaml = Head +
            "  Bad_Name:\n    lang: node12\n    handler: ./fn\n    image: x\n" +
            "  pay:\n    lang: python3\n    handler: ../up\n    image: pay\n    limits: {memory: lots, cpu: fast}\n";

        var result = StackFixture.Parse(yaml);

        var errors = result.Errors.Select(e => (e.Line, e.Field)).ToList();
        Assert.Equal(
            [(5, "functions.Bad_Name"), (6, "functions.Bad_Name.lang"), (11, "functions.pay.handler"),
             (13, "functions.pay.limits.memory"), (13, "functions.pay.limits.cpu")],
            errors);
    }

    [Fact]
    public void An_unreadable_stack_file_is_an_error_naming_the_file()
    {
        var result = new StackFileParser(new Dictionary<string, string>()).ParseFile("/nonexistent/stack.yml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("/nonexistent/stack.yml", error.File);
        Assert.StartsWith("/nonexistent/stack.yml: cannot read the stack file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_inside_an_environment_file_name_that_file_and_line()
    {
        using var fixture = new StackFixture(Head + "  pay:\n    lang: python3\n    handler: ./fn\n    image: pay\n    environment_file: [env.yml]\n");
        fixture.WriteFile("env.yml", "environment:\n  A: 1\n  B: [x]\n");

        var result = fixture.Parse();

        Assert.Contains(result.Errors, e => e.File.EndsWith("env.yml", StringComparison.Ordinal)
            && e.Line == 3 && e.Field == "environment.B" && e.Message.Contains("found a list", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File.EndsWith("stack.yml", StringComparison.Ordinal)
            && e.Line == 9 && e.Field == "functions.pay.environment_file[0]");
    }

    [Fact]
    public void Diagnostics_print_as_file_line_column_field_message()
    {
        var result = StackFixture.Parse(Head + "  pay:\n    lang: node12\n    handler: ./fn\n    image: pay\n");

        var error = Assert.Single(result.Errors);
        Assert.Matches(@"stack\.yml:6:11: functions\.pay\.lang: unknown lang 'node12'; expected one of python3, python3-debian, python3-http, python3-http-debian, python3-flask, python3-flask-debian, dockerfile$", error.ToString());
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_not_ignored()
    {
        var result = StackFixture.Parse(Head + "  pay:\n    lang: dockerfile\n    handler: ./fn\n    image: pay\n---\nfunctions:\n  other: {image: other}\n");

        Assert.Null(result.Stack);
        var error = Assert.Single(result.Errors);
        Assert.Equal(9, error.Line);
        Assert.Contains("one YAML document", error.Message, StringComparison.Ordinal);
    }
}
