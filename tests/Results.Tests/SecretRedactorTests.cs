using Harness.Results;
using Harness.Results.Redaction;

namespace Harness.Results.Tests;

/// <summary>The one redaction every output uses: credentials go, what an auditor needs (host, registry, key names) stays.</summary>
public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("DATABASE_URL=postgres://admin:s3cr3t-pw@db.example.no/app", "DATABASE_URL=postgres://[REDACTED]@db.example.no/app")]
    [InlineData("git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x/y", "git clone https://[REDACTED]@github.com/x/y")]
    [InlineData("GET https://api.example.no/v1?user=bob&access_token=abc123&x=1", "GET https://api.example.no/v1?user=bob&access_token=[REDACTED]&x=1")]
    [InlineData("https://bucket.s3.example.no/f?X-Amz-Signature=deadbeef&sig=cafe", "https://bucket.s3.example.no/f?X-Amz-Signature=[REDACTED]&sig=[REDACTED]")]
    [InlineData("environment DB_PASSWORD=hunter2 → host db", "environment DB_PASSWORD=[REDACTED] → host db")]
    [InlineData("api_key: 'k-123'", "api_key: '[REDACTED]'")]
    [InlineData("\"client_secret\": \"abc\"", "\"client_secret\": \"[REDACTED]\"")]
    [InlineData("Authorization: Bearer eyJabc.def.ghi", "Authorization: Bearer [REDACTED]")]
    [InlineData("hooks https://hooks.slack.com/services/T000/B000/XXXX end", "hooks https://hooks.slack.com/services/[REDACTED] end")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE in a path /v1/AKIAIOSFODNN7EXAMPLE/x", "key [REDACTED] in a path /v1/[REDACTED]/x")]
    [InlineData("token glpat-abcdefghij0123456789 here", "token [REDACTED] here")]
    [InlineData("{\"a\": 1, \"api_key\": \"k-1\"}", "{\"a\": 1, \"api_key\": \"[REDACTED]\"}")]
    [InlineData("  'db_password': hunter2", "  'db_password': [REDACTED]")]
    [InlineData("{'db_password': hunter2}", "{'db_password': [REDACTED]}")]
    [InlineData("error: DB_PASSWORD=hunter2 rejected", "error: DB_PASSWORD=[REDACTED] rejected")]
    public void Credentials_are_masked_and_the_rest_is_kept(string input, string expected)
        => Assert.Equal(expected, SecretRedactor.Redact(input));

    [Theory]
    [InlineData("image registry.example.no/fn:1 → registry registry.example.no")]
    [InlineData("secrets referenced: db-password, api-key (values not read)")]
    [InlineData("readonly_root_filesystem: true; exec_timeout: 10s")]
    [InlineData("http://127.0.0.1:8080/system/functions")]
    [InlineData("stack.yml:3:5: secrets[0]: invalid secret name 'My_Secret': expected lower-case letters, digits and '-'")]
    [InlineData("the token 'API_TOKEN': set it in the environment")]
    public void Evidence_without_credentials_is_unchanged(string input)
        => Assert.Equal(input, SecretRedactor.Redact(input));

    [Fact]
    public void Redaction_is_idempotent()
    {
        var once = SecretRedactor.Redact("DB_PASSWORD=x https://u:p@h/?token=t");
        Assert.Equal(once, SecretRedactor.Redact(once));
    }

    [Fact]
    public void A_json_document_keeps_its_figures_and_loses_secret_values_and_encoded_histograms_are_untouched()
    {
        const string histogram = "HISTFAAAACR4nJNpmSzMwMDAxQABzFCaEUoz2X+AMIKkAAAVCgC+AKIAAKIAAA==";
        var summary = new RunSummary
        {
            RunId = "r",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            Target = new TargetInfo { Name = "t", Kind = "remote", GatewayUrl = "https://admin:pw123@gw.example.no/" },
            Environment = new EnvironmentInfo(),
            Scenarios =
            [
                new ScenarioResult
                {
                    Name = "s",
                    Kind = "http",
                    Status = ScenarioStatus.Error,
                    Error = "POST https://gw.example.no/function/x?api_key=k1 failed",
                    Metrics = new Dictionary<string, MetricSummary> { ["http_req_duration"] = new() { Count = 3, Unit = "ms", Histogram = histogram } },
                },
            ],
        };

        var redacted = JsonRedaction.Redact(summary);

        Assert.Equal("https://[REDACTED]@gw.example.no/", redacted.Target.GatewayUrl);
        Assert.Equal("POST https://gw.example.no/function/x?api_key=[REDACTED] failed", redacted.Scenarios[0].Error);
        Assert.Equal(histogram, redacted.Scenarios[0].Metrics["http_req_duration"].Histogram);
        Assert.Equal(3, redacted.Scenarios[0].Metrics["http_req_duration"].Count);
    }
}
