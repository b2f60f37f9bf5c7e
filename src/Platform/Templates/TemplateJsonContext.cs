using System.Text.Json.Serialization;

namespace Harness.Platform.Templates;

/// <summary>Source-generated JSON for the artifact manifest.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FunctionArtifact))]
internal sealed partial class TemplateJsonContext : JsonSerializerContext;
