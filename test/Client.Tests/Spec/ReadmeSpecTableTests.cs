using System.Text.Json;
using CqSourceS3.Client.Spec;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Spec;

/// <summary>Keeps the README's option table true: every spec field is listed, with its default.</summary>
public class ReadmeSpecTableTests
{
    private static readonly string[] Rows = [.. File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal))];

    [Fact]
    public void Readme_OptionTable_ListsEverySpecFieldWithItsDefault()
    {
        var defaults = new SourceSpec();
        foreach (var property in SpecReader.Properties)
        {
            var row = Rows.SingleOrDefault(r => r.StartsWith($"| `{property.Name}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"README has no row for spec field {property.Name}");
            var value = property.Get!(defaults);
            if (value is not null)
            {
                var text = value is string s ? $"`{s}`" : $"`{JsonSerializer.Serialize(value)}`";
                Assert.Contains(text == "``" ? "`\"\"`" : text, row, StringComparison.Ordinal);
            }
        }
    }
}
