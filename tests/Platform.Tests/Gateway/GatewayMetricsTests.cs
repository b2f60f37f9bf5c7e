using System.Net;
using System.Text;
using System.Text.RegularExpressions;

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

    [Fact]
    public async Task Gateway_functions_seconds_has_the_go_clients_default_buckets_as_openfaas()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("timed", [upstream.Url]);
        Assert.Equal(HttpStatusCode.OK, (await gw.Anonymous.GetAsync("/function/timed")).StatusCode);

        var metrics = await gw.Anonymous.GetStringAsync("/metrics");

        var buckets = Regex.Matches(metrics, "gateway_functions_seconds_bucket\\{function_name=\"timed.openfaas-fn\",code=\"200\",le=\"([^\"]+)\"\\}")
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], buckets);
    }
}
