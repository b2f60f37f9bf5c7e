using Harness.Platform.Contracts;

namespace Harness.Compliance.Collectors;

/// <summary>A function's deployment request and where it was defined ("stack.yml:6:3").</summary>
internal sealed record StackFunctionInput(string Name, FunctionDeployment Deployment, string Location);
