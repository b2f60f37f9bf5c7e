using System.Net;
using k8s.Autorest;

namespace Harness.Platform.Kubernetes;

/// <summary>Reads the HTTP status out of KubernetesClient's exceptions.</summary>
internal static class KubernetesErrors
{
    public static bool Is(Exception e, HttpStatusCode status) => e is HttpOperationException { Response.StatusCode: var code } && code == status;

    public static bool IsNotFound(Exception e) => Is(e, HttpStatusCode.NotFound);

    public static bool IsConflict(Exception e) => Is(e, HttpStatusCode.Conflict);

    /// <summary>The API server's own message (a Status object's <c>message</c>) when there is one.</summary>
    public static string Describe(Exception e) => e switch
    {
        HttpOperationException { Response: { } r } => $"{(int)r.StatusCode} {r.StatusCode}: {MessageOf(r.Content) ?? e.Message}",
        _ => e.Message,
    };

    /// <summary>The API server's message alone (e.g. a 422's field errors), without the status.</summary>
    public static string Message(Exception e) => e is HttpOperationException { Response: { } r } ? MessageOf(r.Content) ?? e.Message : e.Message;

    private static string? MessageOf(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(content);
            return doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return content.Length > 200 ? content[..200] : content;
        }
    }
}
