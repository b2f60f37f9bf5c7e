using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Client;

/// <summary>
/// A typed client for the REST API of any OpenFaaS-compatible gateway (faas-cli's wire behaviour): functions,
/// invocation, scaling, logs, secrets, info, namespaces and the harness artifact store. Every call is cancellable.
/// </summary>
public sealed class OpenFaasClient : IDisposable
{
    private const int MaxErrorBodyChars = 4096;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly GatewayCredentials? _credentials;
    private readonly TimeSpan _requestTimeout;

    /// <param name="http">Used as is; the caller keeps ownership unless <paramref name="ownsHttp"/> is true.</param>
    /// <param name="gateway">The gateway's base URL, such as <c>http://127.0.0.1:8080</c>.</param>
    public OpenFaasClient(HttpClient http, Uri gateway, GatewayCredentials? credentials, OpenFaasClientOptions? options = null, bool ownsHttp = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(gateway);
        _http = http;
        _ownsHttp = ownsHttp;
        _credentials = credentials;
        _requestTimeout = (options ?? new OpenFaasClientOptions()).RequestTimeout;
        Gateway = new Uri(gateway.AbsoluteUri.TrimEnd('/') + "/");
    }

    /// <summary>The gateway base URL, always ending in '/'.</summary>
    public Uri Gateway { get; }

    /// <summary>What the client authenticates with, so a check against the same gateway can use it too.</summary>
    public GatewayCredentials? Credentials => _credentials;

    /// <summary>A client with its own connection pool. TLS certificates are verified unless the options say otherwise.</summary>
    public static OpenFaasClient Create(Uri gateway, GatewayCredentials? credentials, OpenFaasClientOptions? options = null)
    {
        options ??= new OpenFaasClientOptions();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (options.TlsNoVerify)
        {
            // Only when the user asked for it (--tls-no-verify), as with faas-cli.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new OpenFaasClient(http, gateway, credentials, options, ownsHttp: true);
    }

    /// <summary>The public URL of a function, as faas-cli prints it after a deploy.</summary>
    public Uri FunctionUrl(string name, string? ns = null) => new(Gateway, "function/" + Qualified(name, ns));

    /// <summary><c>GET /system/functions</c>.</summary>
    public async Task<IReadOnlyList<FunctionStatus>> ListFunctionsAsync(string? ns = null, CancellationToken cancellationToken = default)
    {
        var list = await SendJsonAsync<List<FunctionStatus>>(HttpMethod.Get, "system/functions" + NamespaceQuery(ns), null, cancellationToken).ConfigureAwait(false);
        return list ?? [];
    }

    /// <summary><c>GET /system/function/NAME</c>; null when the function does not exist.</summary>
    public Task<FunctionStatus?> GetFunctionAsync(string name, string? ns = null, CancellationToken cancellationToken = default) =>
        GetFunctionAsync(name, ns, usage: true, cancellationToken);

    /// <summary>
    /// <c>GET /system/function/NAME</c>, with <c>usage=false</c> when <paramref name="usage"/> is false: what OpenFaaS's gateway
    /// sends when it polls for readiness, so a provider need not sample CPU (which may take a window) for a status read.
    /// </summary>
    public async Task<FunctionStatus?> GetFunctionAsync(string name, string? ns, bool usage, CancellationToken cancellationToken)
    {
        var query = NamespaceQuery(ns);
        if (!usage)
        {
            query += (query.Length == 0 ? "?" : "&") + "usage=false";
        }

        var path = "system/function/" + Uri.EscapeDataString(name) + query;
        using var timeout = LinkedTimeout(cancellationToken);
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, HttpMethod.Get, path, timeout.Token).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<FunctionStatus>(Json, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>faas-cli's deploy: <c>PUT /system/functions</c> (update), then <c>POST</c> (create) when the PUT says 404.</summary>
    public Task<DeployResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken = default) =>
        DeployAsync(deployment, DeployMode.Update, cancellationToken);

    /// <summary>faas-cli's deploy with <c>--update</c> (PUT, then POST on 404), <c>--replace</c> (DELETE, then POST) or <c>--update=false</c> (POST).</summary>
    public async Task<DeployResult> DeployAsync(FunctionDeployment deployment, DeployMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        const string path = "system/functions";
        using var timeout = LinkedTimeout(cancellationToken);
        if (mode == DeployMode.Replace)
        {
            using var delete = await SendAsync(HttpMethod.Delete, path, JsonContent.Create(new DeleteFunctionBody(deployment.Service, Empty(deployment.Namespace)), options: Json),
                HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (delete.StatusCode != HttpStatusCode.NotFound)
            {
                await EnsureSuccessAsync(delete, HttpMethod.Delete, path, timeout.Token).ConfigureAwait(false);
            }
        }

        if (mode == DeployMode.Update)
        {
            using var update = await SendAsync(HttpMethod.Put, path, JsonContent.Create(deployment, options: Json), HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (update.StatusCode != HttpStatusCode.NotFound)
            {
                await EnsureSuccessAsync(update, HttpMethod.Put, path, timeout.Token).ConfigureAwait(false);
                return new DeployResult(update.StatusCode, Created: false, await WarningsAsync(update, timeout.Token).ConfigureAwait(false));
            }
        }

        using var create = await SendAsync(HttpMethod.Post, path, JsonContent.Create(deployment, options: Json), HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        await EnsureSuccessAsync(create, HttpMethod.Post, path, timeout.Token).ConfigureAwait(false);
        return new DeployResult(create.StatusCode, Created: true, await WarningsAsync(create, timeout.Token).ConfigureAwait(false));
    }

    /// <summary>
    /// A Harness gateway answers a deploy it accepted with problems (misaligned timeouts, limits it cannot enforce) as
    /// <c>{"warnings": [...]}</c> plus one <c>X-Harness-Warning</c> header each; other gateways send neither.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WarningsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("warnings", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    return list.EnumerateArray().Where(w => w.ValueKind == System.Text.Json.JsonValueKind.String).Select(w => w.GetString()!).ToList();
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not ours: fall back to the headers.
            }
        }

        return response.Headers.TryGetValues("X-Harness-Warning", out var values) ? values.ToList() : [];
    }

    /// <summary><c>DELETE /system/functions</c>.</summary>
    public Task RemoveFunctionAsync(string name, string? ns = null, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "system/functions", JsonContent.Create(new DeleteFunctionBody(name, Empty(ns)), options: Json), cancellationToken);

    /// <summary><c>POST /system/scale-function/NAME</c>.</summary>
    public Task ScaleAsync(string name, int replicas, string? ns = null, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Post, "system/scale-function/" + Uri.EscapeDataString(name) + NamespaceQuery(ns),
            JsonContent.Create(new ScaleBody(name, replicas, Empty(ns)), options: Json), cancellationToken);

    /// <summary>Calls a function. Any status is returned, not thrown; the caller decides what counts as success.</summary>
    public async Task<InvokeResponse> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = new StringBuilder(request.Async ? "async-function/" : "function/").Append(Qualified(request.Function, request.Namespace));
        if (!string.IsNullOrEmpty(request.Path))
        {
            path.Append('/').Append(request.Path.TrimStart('/'));
        }

        for (var i = 0; i < request.Query.Count; i++)
        {
            path.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(request.Query[i].Key)).Append('=').Append(Uri.EscapeDataString(request.Query[i].Value));
        }

        using var message = new HttpRequestMessage(request.Method, new Uri(Gateway, path.ToString()));
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        foreach (var (key, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(key, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(key, value);
            }
        }

        // Function routes are open; the gateway forwards headers, so admin credentials are never sent to functions.
        using var timeout = LinkedTimeout(cancellationToken);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[key] = values.ToList();
        }

        return new InvokeResponse(response.StatusCode, headers, body);
    }

    /// <summary><c>GET /system/logs</c> as a stream of NDJSON entries; with <c>Follow</c> it ends only when cancelled or closed.</summary>
    public async IAsyncEnumerable<LogEntry> GetLogsAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<string> { "name=" + Uri.EscapeDataString(request.Name) };
        if (!string.IsNullOrEmpty(request.Namespace))
        {
            query.Add("namespace=" + Uri.EscapeDataString(request.Namespace));
        }

        if (!string.IsNullOrEmpty(request.Instance))
        {
            query.Add("instance=" + Uri.EscapeDataString(request.Instance));
        }

        if (request.Tail is { } tail)
        {
            query.Add("tail=" + tail.ToString(CultureInfo.InvariantCulture));
        }

        query.Add("follow=" + (request.Follow ? "true" : "false"));
        if (request.Since is { } since)
        {
            query.Add("since=" + Uri.EscapeDataString(since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        var path = "system/logs?" + string.Join('&', query);
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var entry = JsonSerializer.Deserialize<LogEntry>(line, Json);
                if (entry is not null)
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary><c>GET /system/secrets</c> (names only; values are never returned).</summary>
    public async Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string? ns = null, CancellationToken cancellationToken = default)
    {
        var list = await SendJsonAsync<List<SecretSpec>>(HttpMethod.Get, "system/secrets" + NamespaceQuery(ns), null, cancellationToken).ConfigureAwait(false);
        return list ?? [];
    }

    /// <summary><c>POST /system/secrets</c>; a 409 (exists) is thrown as <see cref="OpenFaasApiException"/>.</summary>
    public Task CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Post, "system/secrets", JsonContent.Create(secret, options: Json), cancellationToken);

    /// <summary><c>PUT /system/secrets</c>.</summary>
    public Task UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Put, "system/secrets", JsonContent.Create(secret, options: Json), cancellationToken);

    /// <summary><c>DELETE /system/secrets</c>.</summary>
    public Task RemoveSecretAsync(string name, string? ns = null, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "system/secrets", JsonContent.Create(new SecretSpec { Name = name, Namespace = Empty(ns) }, options: Json), cancellationToken);

    /// <summary><c>GET /system/info</c>.</summary>
    public async Task<GatewayInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        await SendJsonAsync<GatewayInfo>(HttpMethod.Get, "system/info", null, cancellationToken).ConfigureAwait(false) ?? new GatewayInfo();

    /// <summary><c>GET /system/namespaces</c>.</summary>
    public async Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken = default) =>
        await SendJsonAsync<List<string>>(HttpMethod.Get, "system/namespaces", null, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary><c>GET /system/namespace/{name}</c>; null on 404.</summary>
    public async Task<FunctionNamespace?> GetNamespaceAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = "system/namespace/" + Uri.EscapeDataString(name);
        using var timeout = LinkedTimeout(cancellationToken);
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, HttpMethod.Get, path, timeout.Token).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<FunctionNamespace>(Json, timeout.Token).ConfigureAwait(false);
    }

    /// <summary><c>POST /system/namespace/</c> as go-sdk sends it (the <c>openfaas=1</c> label and annotation added); 409 when it exists.</summary>
    public Task CreateNamespaceAsync(FunctionNamespace spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return SendNoContentAsync(HttpMethod.Post, "system/namespace/", JsonContent.Create(WithOpenFaasMarker(spec), options: Json), cancellationToken);
    }

    /// <summary><c>PUT /system/namespace/{name}</c>.</summary>
    public Task UpdateNamespaceAsync(FunctionNamespace spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return SendNoContentAsync(HttpMethod.Put, "system/namespace/" + Uri.EscapeDataString(spec.Name), JsonContent.Create(WithOpenFaasMarker(spec), options: Json), cancellationToken);
    }

    /// <summary><c>DELETE /system/namespace/{name}</c>.</summary>
    public Task RemoveNamespaceAsync(string name, CancellationToken cancellationToken = default) =>
        SendNoContentAsync(HttpMethod.Delete, "system/namespace/" + Uri.EscapeDataString(name),
            JsonContent.Create(new FunctionNamespace { Name = name, Labels = new Dictionary<string, string> { ["openfaas"] = "1" } }, options: Json), cancellationToken);

    private static FunctionNamespace WithOpenFaasMarker(FunctionNamespace spec)
    {
        var labels = new Dictionary<string, string>(spec.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["openfaas"] = "1" };
        var annotations = new Dictionary<string, string>(spec.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["openfaas"] = "1" };
        return spec with { Labels = labels, Annotations = annotations };
    }

    /// <summary>
    /// <c>PUT /system/artifacts?image=REF</c> with a gzipped tar of a built function (see <see cref="IArtifactStore"/>).
    /// Returns the stored artifact when the gateway describes it in JSON. The stream is read from its position and left open.
    /// </summary>
    public async Task<ArtifactInfo?> PutArtifactAsync(string image, Stream gzippedTar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gzippedTar);
        var path = "system/artifacts?image=" + Uri.EscapeDataString(image);
        var content = new LeaveOpenStreamContent(gzippedTar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using var timeout = LinkedTimeout(cancellationToken);
        using var response = await SendAsync(HttpMethod.Put, path, content, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        await EnsureSuccessAsync(response, HttpMethod.Put, path, timeout.Token).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        return await response.Content.ReadFromJsonAsync<ArtifactInfo>(Json, timeout.Token).ConfigureAwait(false);
    }

    /// <summary><c>GET /system/artifacts</c>.</summary>
    public async Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(CancellationToken cancellationToken = default) =>
        await SendJsonAsync<List<ArtifactInfo>>(HttpMethod.Get, "system/artifacts", null, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>Disposes the HttpClient when this client owns it (<see cref="Create"/>, or <c>ownsHttp: true</c>); safe to call twice.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Qualified(string name, string? ns) =>
        Uri.EscapeDataString(string.IsNullOrEmpty(ns) ? name : $"{name}.{ns}");

    private static string NamespaceQuery(string? ns) =>
        string.IsNullOrEmpty(ns) ? "" : "?namespace=" + Uri.EscapeDataString(ns);

    private static string? Empty(string? ns) => string.IsNullOrEmpty(ns) ? null : ns;

    private CancellationTokenSource LinkedTimeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_requestTimeout != Timeout.InfiniteTimeSpan)
        {
            source.CancelAfter(_requestTimeout);
        }

        return source;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, new Uri(Gateway, path)) { Content = content };
        if (_credentials is not null)
        {
            message.Headers.Authorization = _credentials.ToHeader();
        }

        return await _http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> SendJsonAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var timeout = LinkedTimeout(cancellationToken);
        using var response = await SendAsync(method, path, content, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        await EnsureSuccessAsync(response, method, path, timeout.Token).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token).ConfigureAwait(false);
    }

    private async Task SendNoContentAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var timeout = LinkedTimeout(cancellationToken);
        using var response = await SendAsync(method, path, content, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        await EnsureSuccessAsync(response, method, path, timeout.Token).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > MaxErrorBodyChars)
        {
            body = body[..MaxErrorBodyChars];
        }

        throw new OpenFaasApiException(method, "/" + path, response.StatusCode, body);
    }

    private sealed record DeleteFunctionBody(
        [property: JsonPropertyName("functionName")] string FunctionName,
        [property: JsonPropertyName("namespace")] string? Namespace);

    private sealed record ScaleBody(
        [property: JsonPropertyName("serviceName")] string ServiceName,
        [property: JsonPropertyName("replicas")] int Replicas,
        [property: JsonPropertyName("namespace")] string? Namespace);
}
