using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Harness.Platform.Kubernetes.Tests.Fake;

namespace Harness.Platform.Kubernetes.Tests;

public sealed partial class PlatformUpKubernetesTests : IAsyncLifetime
{
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_gateway_deploys_lists_scales_and_removes_functions_through_the_cluster()
    {
        var state = Path.Combine(_api.Directory, "state");
        using var process = Process.Start(HarnessProcess.StartInfo(_api.Directory, "platform", "up", "--provider", "kubernetes", "--kubeconfig", _api.KubeconfigPath, "--port", "0", "--state", state))!;
        try
        {
            var url = await GatewayUrlAsync(process);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };
            var user = await File.ReadAllTextAsync(Path.Combine(state, "basic-auth-user"));
            var password = await File.ReadAllTextAsync(Path.Combine(state, "basic-auth-password"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Trim()}:{password.Trim()}")));

            var deploy = await http.PostAsJsonAsync("/system/functions", new { service = "article", image = "registry.example/article:1.0", envProcess = "cat" });
            Assert.True(deploy.IsSuccessStatusCode, $"{(int)deploy.StatusCode} {await deploy.Content.ReadAsStringAsync()}");
            Assert.NotNull(_api.Get("deployments", "openfaas-fn", "article"));

            var again = await http.PostAsJsonAsync("/system/functions", new { service = "article", image = "registry.example/article:1.0" });
            Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);

            var list = JsonNode.Parse(await http.GetStringAsync("/system/functions"))!.AsArray();
            var article = Assert.Single(list);
            Assert.Equal("article", article!["name"]!.GetValue<string>());
            Assert.Equal(1, article["availableReplicas"]!.GetValue<int>());

            var scale = await http.PostAsJsonAsync("/system/scale-function/article", new { serviceName = "article", replicas = 0 });
            Assert.True(scale.IsSuccessStatusCode, $"{(int)scale.StatusCode} {await scale.Content.ReadAsStringAsync()}");
            Assert.Equal(0, _api.Get("deployments", "openfaas-fn", "article")!["spec"]!["replicas"]!.GetValue<int>());

            using var delete = new HttpRequestMessage(HttpMethod.Delete, "/system/functions") { Content = JsonContent.Create(new { functionName = "article" }) };
            Assert.True((await http.SendAsync(delete)).IsSuccessStatusCode);
            // Gone for the gateway at once; the Deployment itself lingers while foreground deletion removes its pods.
            Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/system/functions"))!.AsArray());
            await Poll.UntilAsync(() => _api.Get("deployments", "openfaas-fn", "article") is null, TimeSpan.FromSeconds(10), "the deployment to go");

            var metrics = await http.GetStringAsync("/metrics");
            Assert.Matches(@"harness_provider_api_requests_total [1-9]", metrics);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task With_the_api_server_unreachable_invoking_is_502_with_a_message_and_the_gateway_stays_up()
    {
        var state = Path.Combine(_api.Directory, "state");
        var kubeconfig = Path.Combine(_api.Directory, "down");
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(_api.KubeconfigPath)).Replace(_api.Url.ToString().TrimEnd('/'), $"http://127.0.0.1:{port}", StringComparison.Ordinal));
        }

        using var process = Process.Start(HarnessProcess.StartInfo(_api.Directory, "platform", "up", "--provider", "kubernetes", "--kubeconfig", kubeconfig, "--port", "0", "--state", state))!;
        try
        {
            var url = await GatewayUrlAsync(process);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; i < 2; i++)
            {
                var response = await http.PostAsync("/function/article", new StringContent("hi"));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadGateway, $"{(int)response.StatusCode} {body}");
                Assert.Contains("cannot be reached", body, StringComparison.Ordinal);
            }

            Assert.False(process.HasExited);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    private static async Task<Uri> GatewayUrlAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } m)
            {
                return new Uri(m.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"platform up exited ({process.ExitCode}) without listening: {await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"Gateway listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
