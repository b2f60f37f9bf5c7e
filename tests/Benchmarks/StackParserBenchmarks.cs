using BenchmarkDotNet.Attributes;
using Harness.Platform.Stack;

namespace Harness.Benchmarks;

/// <summary>The stack file parser on a ten-function stack (parse, validate, resolve environment references).</summary>
[MemoryDiagnoser]
public class StackParserBenchmarks
{
    private readonly StackFileParser parser = new(new Dictionary<string, string> { ["REGION"] = "no-oslo" });
    private string text = "";

    [GlobalSetup]
    public void Setup()
    {
        var functions = string.Concat(Enumerable.Range(0, 10).Select(i => $$"""
              fn-{{i}}:
                lang: python3-http
                handler: ./fn-{{i}}
                image: registry.example/fn-{{i}}:1.0
                environment:
                  region: ${REGION}
                  write_timeout: 10s
                labels:
                  com.openfaas.scale.min: "1"
                limits:
                  memory: 128Mi
                  cpu: 200m

            """));
        text = "version: 1.0\nprovider:\n  name: openfaas\n  gateway: http://127.0.0.1:8080\nfunctions:\n" + functions;
    }

    [Benchmark]
    public object Parse() => parser.Parse(text, "stack.yml");
}
