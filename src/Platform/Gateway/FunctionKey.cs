namespace Harness.Platform.Gateway;

/// <summary>A function's identity on the gateway: name and namespace.</summary>
internal readonly record struct FunctionKey(string Name, string Namespace)
{
    /// <summary>The <c>name.namespace</c> form OpenFaaS uses in metric labels and messages.</summary>
    public override string ToString() => Name + "." + Namespace;
}
