using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>Reads a bounded JSON request body; failures carry a reason fit for the body of their status (413 too large, else 400).</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, string? Error, int Status)> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (value, error) = await ReadCoreAsync<T>(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return (value, error, error is not null && error.StartsWith(TooLarge, StringComparison.Ordinal) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
    }

    private const string TooLarge = "request body too large";

    private static async Task<(T? Value, string? Error)> ReadCoreAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, $"{TooLarge}: {request.ContentLength} bytes, the limit is {maxBytes} bytes");
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < 65536 ? (int)request.ContentLength.Value : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, $"{TooLarge}: over {maxBytes} bytes, the limit is {maxBytes} bytes");
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return (null, "request body is empty: expected JSON");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.WrittenSpan, GatewayJson.Options);
            return value is null ? (null, "request body is JSON null: expected an object") : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at {e.Path ?? "$"} (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})"
                : "";
            return (null, $"invalid JSON{where}: {FirstSentence(e.Message)}");
        }
    }

    private const string ConvertPrefix = "The JSON value could not be converted to ";

    private const string DuplicatePrefix = "Duplicate property '";

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $.x | LineNumber: ..." which the prefix already says.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var sentence = cut > 0 ? message[..cut] : message;
        // "Duplicate property 'service' encountered during deserialization of type 'Harness...'" names a .NET type too.
        if (sentence.StartsWith(DuplicatePrefix, StringComparison.Ordinal) && sentence.IndexOf('\'', DuplicatePrefix.Length) is var end and > 0)
        {
            return $"key '{sentence[DuplicatePrefix.Length..end]}' is given twice: each key may appear once";
        }

        // "could not be converted to System.Nullable`1[System.Int64]" names .NET types; a client wants the JSON kind.
        return sentence.StartsWith(ConvertPrefix, StringComparison.Ordinal)
            ? $"wrong type: expected {Expected(sentence[ConvertPrefix.Length..].TrimEnd('.'))}"
            : sentence;
    }

    /// <summary>The JSON kind a .NET target type reads, in words.</summary>
    internal static string Expected(string typeName)
    {
        var t = typeName.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? typeName["System.Nullable`1[".Length..^1] : typeName;
        return t switch
        {
            "System.String" => "a string",
            "System.Boolean" => "true or false",
            "System.Int32" or "System.Int64" or "System.UInt32" or "System.UInt64" or "System.Int16" => "an integer",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Byte[]" => "a base64 string",
            _ when t.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal)
                || t.StartsWith("System.Collections.Generic.IReadOnlyDictionary", StringComparison.Ordinal)
                || t.StartsWith("System.Collections.Generic.IDictionary", StringComparison.Ordinal) => "an object of strings",
            _ when t.StartsWith("System.Collections.Generic.", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ => "an object",
        };
    }
}
