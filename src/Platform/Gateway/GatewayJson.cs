using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Harness.Platform.Gateway;

/// <summary>JSON settings of the HTTP surface: case-insensitive like Go's encoding/json, nulls omitted like <c>omitempty</c>.</summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        // `required` on the contracts is for C# callers; over HTTP a missing field must become a 400 that names it,
        // which the validators do, instead of a generic deserialization error.
        resolver.Modifiers.Add(static info =>
        {
            foreach (var property in info.Properties)
            {
                property.IsRequired = false;
            }
        });
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = resolver,
            // {"service":"a","service":"b"} is ambiguous (Go takes the last, others the first): refuse it rather than guess.
            AllowDuplicateProperties = false,
        };
        options.MakeReadOnly();
        return options;
    }
}
