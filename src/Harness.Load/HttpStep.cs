using System.Net.Http.Headers;
using System.Text;

namespace Harness.Load;

/// <summary>A step that sends one request and reads the whole body (time to last byte); status &gt;= 400 is a failed iteration.</summary>
public sealed class HttpStep
{
    private readonly HttpClient client;
    private readonly HttpRequestSpec spec;
    private readonly HttpMethod method;
    private readonly bool close;
    private readonly byte[]? body;
    private readonly MediaTypeHeaderValue? contentType;

    /// <summary>Prepares the request once (method, body bytes, content type) so each iteration only sends it.</summary>
    /// <exception cref="ArgumentException">The method is not a token, or a header name or value would break the request.</exception>
    public HttpStep(HttpClient client, HttpRequestSpec spec, ConnectionPolicy policy)
    {
        // TryAddWithoutValidation below writes values as given: refuse here what would split a header line.
        if (!HttpSyntax.IsToken(spec.Method))
        {
            throw new ArgumentException($"method '{spec.Method}' is not an HTTP token", nameof(spec));
        }

        foreach (var (name, value) in spec.Headers)
        {
            if (HttpSyntax.HeaderProblem(name, value) is { } problem)
            {
                throw new ArgumentException(problem, nameof(spec));
            }
        }

        this.client = client;
        this.spec = spec;
        method = new HttpMethod(spec.Method.ToUpperInvariant());
        close = policy.Mode == ConnectionMode.NewPerRequest;
        body = spec.Body is null ? null : Encoding.UTF8.GetBytes(spec.Body);
        contentType = spec.Body is null ? null : MediaTypeHeaderValue.Parse(spec.ContentType ?? "text/plain");
    }

    /// <summary>Sends the request, reads the body to its end and maps the status to a <see cref="Response"/>.</summary>
    public async Task<Response> InvokeAsync(ScenarioContext context)
    {
        using var request = new HttpRequestMessage(method, spec.Url);
        if (close)
        {
            request.Headers.ConnectionClose = true;
        }

        foreach (var (name, value) in spec.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType;
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(context.CancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var size = await Drain(stream, context.CancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status >= 400 ? Response.Fail(status, response.ReasonPhrase, ErrorKind.Http, size) : Response.Ok(status, size);
        }
    }

    private static async Task<long> Drain(Stream stream, CancellationToken token)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                total += n;
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
