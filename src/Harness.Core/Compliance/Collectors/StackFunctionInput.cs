using Harness.Platform.Contracts;

namespace Harness.Compliance.Collectors;

/// <summary>
/// A function's deployment request and where it was defined ("stack.yml:6:3"). <paramref name="ReadOnlyField"/> is the
/// stack's own <c>readonly_root_filesystem</c> value: the platform's parser also turns the article's annotation into a
/// read-only deployment, which upstream OpenFaaS would not, so the rules need the field itself.
/// </summary>
internal sealed record StackFunctionInput(string Name, FunctionDeployment Deployment, string Location, bool? ReadOnlyField = null, string? Lang = null);
