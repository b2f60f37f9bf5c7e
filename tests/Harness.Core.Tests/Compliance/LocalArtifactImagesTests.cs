using Harness.Compliance.Collectors;
using Harness.Compliance.Evidence;
using Harness.Compliance.Rules;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Compliance;

public sealed class LocalArtifactImagesTests
{
    private static GatewayFacts Gateway(string provider) => new() { Url = "http://127.0.0.1:8080", Provider = provider, Orchestration = "process" };

    [Fact]
    public void A_function_the_local_provider_runs_from_its_artifact_store_is_not_a_docker_hub_pull()
    {
        var deployed = Function(name: "payment", image: "your-docker-user/payment-processor:latest");
        var onlyInStack = Function(name: "other", image: "your-docker-user/other:latest");

        var marked = LocalArtifactImages.Apply([deployed, onlyInStack], Gateway(LocalArtifactImages.ProviderName), new HashSet<string> { "payment" });
        var findings = new ImageRegistryRule().Evaluate(Norway(), With([.. marked])).ToList();

        var payment = Assert.Single(findings, f => f.Subject == "payment");
        Assert.True(payment.Passed, payment.Title);
        Assert.Contains("artifact store", Assert.Single(payment.Evidence).Observed, StringComparison.Ordinal);
        // A function the gateway does not run keeps the stack's verdict: where it is deployed, it would be pulled.
        Assert.False(Assert.Single(findings, f => f.Subject == "other").Passed);
    }

    [Fact]
    public void Another_provider_pulls_images_so_nothing_changes()
    {
        var function = Function(name: "payment", image: "your-docker-user/payment-processor:latest");

        var marked = LocalArtifactImages.Apply([function], Gateway("openfaas-ce"), new HashSet<string> { "payment" });

        Assert.Same(function, Assert.Single(marked));
        Assert.False(Assert.Single(new ImageRegistryRule().Evaluate(Norway(), With([.. marked]))).Passed);
    }
}
