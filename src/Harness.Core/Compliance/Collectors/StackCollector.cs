using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>Facts from parsed stack files: images, environment endpoints, secrets, labels and annotations.</summary>
internal static class StackCollector
{
    public static (IReadOnlyList<FunctionFacts> Functions, IReadOnlyList<EndpointFact> Endpoints) Collect(
        IEnumerable<StackInput> stacks, JurisdictionResolver resolver)
    {
        var functions = new List<FunctionFacts>();
        var endpoints = new List<EndpointFact>();
        foreach (var stack in stacks)
        {
            if (stack.Gateway is { Length: > 0 } gateway && Uri.TryCreate(gateway, UriKind.Absolute, out var uri))
            {
                endpoints.Add(new EndpointFact(
                    "provider.gateway",
                    "stack provider.gateway",
                    resolver.Resolve(uri.Host),
                    new EvidenceItem("stack", $"provider.gateway: {gateway}", stack.File)));
            }

            foreach (var function in stack.Functions)
            {
                var (facts, found) = FunctionFactsBuilder.Build(function.Name, function.Deployment, function.Location, "stack", resolver, function.ReadOnlyField, function.Lang);
                functions.Add(facts);
                endpoints.AddRange(found);
            }
        }

        return (functions, endpoints);
    }
}
