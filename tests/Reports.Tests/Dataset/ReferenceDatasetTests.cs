using Harness.Reports.Dataset;

namespace Harness.Reports.Tests.Dataset;

public sealed class ReferenceDatasetTests
{
    [Fact]
    public void The_built_in_copy_loads_with_sources_on_every_entry()
    {
        var data = ReferenceDataset.Load();

        Assert.Equal("built-in", data.Origin);
        Assert.Equal("2026-11-26", data.Meta.Generated);
        Assert.True(data.Entries.Count > 50);
        Assert.All(data.Entries, e => Assert.NotEmpty(e.Source));
        var lambda = data["aws_lambda.cold_start.init.python3_12.x86_64.128mb"]!;
        Assert.Equal(85, lambda.Number("p50"));
        Assert.Equal(117, lambda.Number("p99"));
        Assert.Equal("2026-08-22", lambda.Sources()[0].Published);
        Assert.Equal(125, data["firecracker.boot_time"]!.Number());
        Assert.Equal(1.10, data["fx.eur_usd"]!.Number());
    }

    [Fact]
    public void The_copy_next_to_the_assembly_is_the_same_file_users_can_start_from()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "public-cloud-faas.yml");

        var data = ReferenceDataset.Load(path);

        Assert.Equal(path, data.Origin);
        Assert.Equal(ReferenceDataset.Load().Entries.Count, data.Entries.Count);
    }

    [Fact]
    public void A_broken_user_file_is_refused_naming_file_line_and_column()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ReferenceDataset.Parse("meta:\n  title: x\nentries:\n- id: a\n  values: [1, 2\n", "mine.yml"));

        Assert.StartsWith("mine.yml: line ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_without_id_or_source_are_all_reported()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ReferenceDataset.Parse("entries:\n- id: a\n  value: 1\n- provider: x\n  source: [{title: t}]\n", "mine.yml"));

        Assert.Contains("entries[0] (a)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("entries[1] (no id)", ex.Message, StringComparison.Ordinal);
    }
}
