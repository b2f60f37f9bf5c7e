using Harness.Platform.Contracts;
using Harness.Platform.Stack;

namespace Harness.Platform.Tests.Stack;

/// <summary>The python3 statusCode portability warning: at the handler's file and line, unless upstream behaviour is asked for.</summary>
public sealed class HandlerPortabilityTests
{
    private const string Handler = "import json\n\ndef handle(req):\n    if not req:\n        return {'statusCode': 400, 'body': 'empty'}\n    return {\"statusCode\": 200, \"body\": req}  # ok\n";

    [Theory]
    [InlineData("python3")]
    [InlineData("python3-debian")]
    public void A_classic_handler_returning_statusCode_is_a_warning_at_its_file_and_line(string lang)
    {
        using var fx = new StackFixture($"provider:\n  name: openfaas\nfunctions:\n  pay:\n    lang: {lang}\n    handler: ./fn\n    image: pay\n");
        fx.WriteFile("fn/handler.py", Handler);

        var result = fx.Parse();

        Assert.NotNull(result.Stack);
        var warnings = result.Diagnostics.Where(d => d.Message.StartsWith(HandlerPortability.Prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.Equal(Path.Combine(fx.Root, "fn", "handler.py"), warnings[0].File);
        Assert.Equal((5, 17), (warnings[0].Line, warnings[0].Column));
        Assert.Equal(6, warnings[1].Line);
        Assert.Contains("upstream OpenFaaS answers 200 with the dict's repr", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("use python3-http for status codes", warnings[0].Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(fx.Root, "fn", "handler.py") + ":5:17: functions.pay.handler: portability:", warnings[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python3-http", "")]
    [InlineData("python3", "    environment:\n      template_compat: openfaas\n")]
    public void No_warning_for_python3_http_or_when_upstream_behaviour_is_switched_on(string lang, string extra)
    {
        using var fx = new StackFixture($"provider:\n  name: openfaas\nfunctions:\n  pay:\n    lang: {lang}\n    handler: ./fn\n    image: pay\n{extra}");
        fx.WriteFile("fn/handler.py", Handler);

        var result = fx.Parse();

        Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith(HandlerPortability.Prefix, StringComparison.Ordinal));
    }
}
