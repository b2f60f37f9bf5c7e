using System.Net;
using System.Text;

namespace Harness.Platform.Tests.Gateway;

public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task A_deleted_function_leaves_gateway_service_count_at_the_next_scrape()
    {
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("kept", [], replicas: 2);
        gw.Provider.Add("lim2", [], replicas: 1);
        gw.Provider.Add("lim3", [], replicas: 1, ns: "team");

        var before = await gw.Anonymous.GetStringAsync("/metrics");
        Assert.Contains("gateway_service_count{function_name=\"lim2.openfaas-fn\"} 1", before, StringComparison.Ordinal);
        Assert.Contains("gateway_service_count{function_name=\"lim3.team\"} 1", before, StringComparison.Ordinal);

        foreach (var body in new[] { """{"functionName":"lim2"}""", """{"functionName":"lim3","namespace":"team"}""" })
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, "/system/functions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            Assert.Equal(HttpStatusCode.Accepted, (await gw.Admin.SendAsync(delete)).StatusCode);
        }

        // As OpenFaaS's exporter, which resets the gauge on every collect: only the functions that exist are reported.
        var after = await gw.Anonymous.GetStringAsync("/metrics");
        Assert.DoesNotContain("lim2.openfaas-fn", after, StringComparison.Ordinal);
        Assert.DoesNotContain("lim3.team", after, StringComparison.Ordinal);
        Assert.Contains("gateway_service_count{function_name=\"kept.openfaas-fn\"} 2", after, StringComparison.Ordinal);
    }
}
