using System.Text.Json;
using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Contracts;

public sealed class FunctionDeploymentJsonTests
{
    [Fact]
    public void Deserializes_the_body_faas_cli_sends()
    {
        const string body = """
            {"service":"payment-processor","image":"me/pp:latest","namespace":"openfaas-fn","envProcess":"python3 index.py",
             "envVars":{"write_debug":"true"},"labels":{"com.openfaas.scale.min":"1"},"annotations":{"a":"b"},
             "limits":{"memory":"128Mi","cpu":"500m"},"secrets":["db"],"constraints":["node=x"],"readOnlyRootFilesystem":true}
            """;

        var d = JsonSerializer.Deserialize<FunctionDeployment>(body)!;

        Assert.Equal("payment-processor", d.Service);
        Assert.Equal("python3 index.py", d.EnvProcess);
        Assert.Equal("128Mi", d.Limits!.Memory);
        Assert.Equal("true", d.EnvVars!["write_debug"]);
        Assert.True(d.ReadOnlyRootFilesystem);
    }

    [Fact]
    public void Status_uses_openfaas_field_names()
    {
        var status = new FunctionStatus { Name = "f", Image = "i", Replicas = 2, AvailableReplicas = 1, InvocationCount = 3 };

        var json = JsonSerializer.Serialize(status);

        Assert.Contains("\"availableReplicas\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"invocationCount\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"f\"", json, StringComparison.Ordinal);
    }
}
