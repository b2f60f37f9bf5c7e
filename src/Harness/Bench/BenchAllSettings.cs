using Spectre.Console.Cli;

namespace Harness.Bench;

/// <summary>Options of <c>harness bench all</c> (none yet: each benchmark runs with its defaults).</summary>
internal sealed class BenchAllSettings : CommandSettings;
