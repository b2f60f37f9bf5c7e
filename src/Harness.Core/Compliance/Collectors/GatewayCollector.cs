using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Platform.Contracts;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>
/// Asks a running gateway, first without credentials (does /system answer?), then with them when given,
/// for /system/info and /system/functions; deployed functions become facts like stack functions.
/// </summary>
internal sealed class GatewayCollector
{
    private readonly HttpClient _http;

    public GatewayCollector(HttpClient http)
    {
        _http = http;
    }

    public async Task<(GatewayFacts Gateway, IReadOnlyList<FunctionFacts> Functions, IReadOnlyList<EndpointFact> Endpoints)> CollectAsync(
        Uri gateway, (string User, string Password)? credentials, JurisdictionResolver resolver, CancellationToken cancellationToken)
    {
        var baseUrl = gateway.ToString().TrimEnd('/');
        var evidence = new List<EvidenceItem>();
        var functionsUrl = baseUrl + "/system/functions";
        var infoUrl = baseUrl + "/system/info";

        var (functionsStatus, functionsBody) = await GetAsync(functionsUrl, null, evidence, cancellationToken).ConfigureAwait(false);
        var (infoStatus, infoBody) = await GetAsync(infoUrl, null, evidence, cancellationToken).ConfigureAwait(false);
        if (credentials is { } c && functionsStatus is 401 or 403)
        {
            (_, functionsBody) = await GetAsync(functionsUrl, c, evidence, cancellationToken).ConfigureAwait(false);
            (_, infoBody) = await GetAsync(infoUrl, c, evidence, cancellationToken).ConfigureAwait(false);
        }

        string? provider = null;
        string? orchestration = null;
        SandboxFacts? sandbox = null;
        if (infoBody is not null)
        {
            try
            {
                using var doc = JsonDocument.Parse(infoBody);
                if (doc.RootElement.TryGetProperty("provider", out var p) && p.ValueKind == JsonValueKind.Object)
                {
                    provider = p.TryGetProperty("provider", out var name) ? name.GetString() : null;
                    orchestration = p.TryGetProperty("orchestration", out var orch) ? orch.GetString() : null;
                    sandbox = p.TryGetProperty("sandbox", out var sb) && sb.ValueKind == JsonValueKind.Object ? ReadSandbox(sb) : null;
                }

                evidence.Add(new EvidenceItem("gateway", $"/system/info: provider {provider ?? "?"}, orchestration {orchestration ?? "?"}", infoUrl));
            }
            catch (JsonException ex)
            {
                evidence.Add(new EvidenceItem("gateway", $"/system/info is not JSON: {ex.Message}", infoUrl));
            }
        }

        var functions = new List<FunctionFacts>();
        var endpoints = new List<EndpointFact>();
        if (functionsBody is not null)
        {
            try
            {
                var statuses = JsonSerializer.Deserialize<List<FunctionStatus>>(functionsBody) ?? [];
                evidence.Add(new EvidenceItem("gateway", $"/system/functions lists {statuses.Count} function(s): {string.Join(", ", statuses.Select(s => s.Name))}", functionsUrl));
                foreach (var s in statuses)
                {
                    var deployment = new FunctionDeployment
                    {
                        Service = s.Name,
                        Image = s.Image,
                        Namespace = s.Namespace,
                        EnvVars = s.EnvVars,
                        Secrets = s.Secrets,
                        Labels = s.Labels,
                        Annotations = s.Annotations,
                        Limits = s.Limits,
                        Requests = s.Requests,
                        ReadOnlyRootFilesystem = s.ReadOnlyRootFilesystem,
                    };
                    var (function, found) = FunctionFactsBuilder.Build(s.Name, deployment, $"GET {functionsUrl}", "gateway", resolver);
                    functions.Add(function);
                    endpoints.AddRange(found);
                }
            }
            catch (JsonException ex)
            {
                evidence.Add(new EvidenceItem("gateway", $"/system/functions is not a FunctionStatus list: {ex.Message}", functionsUrl));
            }
        }

        var facts = new GatewayFacts
        {
            Url = baseUrl,
            FunctionsStatusWithoutAuth = functionsStatus,
            InfoStatusWithoutAuth = infoStatus,
            Provider = provider,
            Orchestration = orchestration,
            Sandbox = sandbox,
            Evidence = evidence,
        };
        return (facts, functions, endpoints);
    }

    private static SandboxFacts ReadSandbox(JsonElement sandbox)
    {
        static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var notEnforced = sandbox.TryGetProperty("notEnforced", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return new SandboxFacts
        {
            Enforced = Flag(sandbox, "enforced"),
            NonRoot = Flag(sandbox, "nonRoot"),
            Mechanism = Text(sandbox, "mechanism"),
            UidRange = Text(sandbox, "uidRange"),
            NotEnforced = notEnforced,
        };
    }

    private async Task<(int? Status, string? Body)> GetAsync(string url, (string User, string Password)? credentials, List<EvidenceItem> evidence, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (credentials is { } c)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
        }

        var how = credentials is null ? "without credentials" : "with basic-auth credentials";
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            evidence.Add(new EvidenceItem("gateway", $"GET {how} → {status} {response.ReasonPhrase}", url));
            var body = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
            return (status, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            evidence.Add(new EvidenceItem("gateway", $"GET {how} failed: {ex.Message}", url));
            return (null, null);
        }
    }
}
