using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CqSourceS3.Client.Spec;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Spec;

/// <summary>
/// Each option's name, type, default and text come from <see cref="SourceSpec"/> alone: the README's and
/// docs/configuration.md's tables, the JSON schema and the property docs must all say what <see cref="SpecOption"/>
/// derives. A failure prints the expected rows, and the whole table to paste.
/// </summary>
public class SpecOptionTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/configuration.md")]
    public void MarkdownTable_DocumentOptionTable_IsTheGeneratedTable(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, document));
        var start = Array.IndexOf(lines, SpecOption.TableHeader);
        Assert.True(start >= 0, $"{document} has no option table: no line '{SpecOption.TableHeader}'.\n\nExpected table:\n{SpecOption.MarkdownTable}");

        var rows = lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).ToList();

        var problems = Disagreements(rows);
        Assert.True(problems.Count == 0,
            $"{document}'s option table disagrees with SourceSpec (the [Description], rules and defaults are the source):\n\n" +
            $"{string.Join("\n\n", problems)}\n\nThe whole table, to paste:\n{SpecOption.MarkdownTable}");
    }

    [Fact]
    public void SchemaDescription_EveryOption_IsWhatTheJsonSchemaPublishes()
    {
        var properties = JsonNode.Parse(SpecSchema.Json)!["properties"]!.AsObject();

        Assert.Equal(SpecOption.All.Select(o => o.Name), properties.Select(p => p.Key));
        Assert.All(SpecOption.All, o => Assert.Equal(o.SchemaDescription, (string?)properties[o.Name]!["description"]));
    }

    [Fact]
    public void SchemaDescription_SectionField_IsWhatTheJsonSchemaPublishesInsideTheSection()
    {
        var properties = JsonNode.Parse(SpecSchema.Json)!["properties"]!.AsObject();

        Assert.NotEmpty(SpecOption.Nested);
        Assert.All(SpecOption.Nested, o =>
        {
            var (section, field) = (o.Name.Split('.')[0], o.Name.Split('.')[1]);
            Assert.Equal(o.SchemaDescription, (string?)properties[section]!["properties"]![field]!["description"]);
        });
        Assert.Equal("\"", (string?)properties["csv"]!["properties"]!["quote"]!["default"]);
        Assert.Equal(1000, (int?)properties["jsonl"]!["properties"]!["infer_rows"]!["default"]);
    }

    [Fact]
    public void Nested_CsvAndJsonLinesSections_ListEveryFieldByPath()
    {
        Assert.Equal(
            ["csv.delimiter", "csv.quote", "csv.escape", "csv.header", "csv.column_names", "csv.skip_rows", "csv.null_values", "csv.types", "csv.infer_rows", "csv.column_types",
             "jsonl.mode", "jsonl.infer_rows", "jsonl.max_line_bytes"],
            SpecOption.Nested.Select(o => o.Name));
        var byName = SpecOption.Nested.ToDictionary(o => o.Name);
        Assert.Equal(("character", "`,`, and a tab for `.tsv` objects"), (byName["csv.delimiter"].Type, byName["csv.delimiter"].Default));
        Assert.Equal(("`infer` or `string`", "`infer`"), (byName["csv.types"].Type, byName["csv.types"].Default));
        Assert.Equal(("list of strings", "`[\"\"]`"), (byName["csv.null_values"].Type, byName["csv.null_values"].Default));
    }

    [Fact]
    public void SchemaDescription_OptionWithDefaultText_EndsWithIt()
    {
        var region = SpecOption.All.Single(o => o.Name == "region");

        Assert.Equal($"{region.Meaning} Default: {region.DefaultText}.", region.SchemaDescription);
        Assert.Equal(region.DefaultText, region.Default);
    }

    [Fact]
    public void All_EveryOption_HasOneLineMeaningThatFitsATableCell()
    {
        Assert.All(SpecOption.All, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Meaning), o.Name);
            Assert.All(new[] { o.Type, o.Default, o.Meaning }, cell => Assert.True(cell.IndexOfAny(['|', '\n']) < 0, $"{o.Name}: '{cell}' would break its table row"));
        });
    }

    [Fact]
    public void Of_RulesAndDefaults_BecomeTypeAndDefaultColumns()
    {
        var byName = SpecOption.All.ToDictionary(o => o.Name);

        Assert.Equal(("integer ≥ 1, or `-1`", "`50`"), (byName["concurrency"].Type, byName["concurrency"].Default));
        Assert.Equal(("integer 0–31536000", "`3600`"), (byName["lookback_seconds"].Type, byName["lookback_seconds"].Default));
        Assert.Equal(("`skip` or `fail`", "`skip`"), (byName["error_policy"].Type, byName["error_policy"].Default));
        Assert.Equal(("string", "`\"\"`"), (byName["path_prefix"].Type, byName["path_prefix"].Default));
        Assert.Equal(("string", "—"), (byName["bucket"].Type, byName["bucket"].Default));
        Assert.Equal(("http(s) URL", "AWS S3"), (byName["endpoint"].Type, byName["endpoint"].Default));
        Assert.Equal(("boolean", "`true`"), (byName["footer_cache"].Type, byName["footer_cache"].Default));
    }

    [Fact]
    public void Of_ListsMapsAndRuleObjects_BecomeTypeAndDefaultColumns()
    {
        var byName = SpecOption.All.ToDictionary(o => o.Name);

        Assert.Equal(("list of globs", "`[]`"), (byName["include"].Type, byName["include"].Default));
        Assert.Equal(("map of column name to `utf8`, `int32`, `int64`, `float64`, `bool`, `date32` or `timestamp`", "`{}`"), (byName["hive_types"].Type, byName["hive_types"].Default));
        Assert.Equal(("list of `{match, name}` objects", "`[]`"), (byName["table_rules"].Type, byName["table_rules"].Default));
        Assert.Equal(("list of `key`, `last_modified`, `etag`, `version_id` or `row`", "`[]`"), (byName["lineage_columns"].Type, byName["lineage_columns"].Default));
        Assert.Equal(("`auto`, `true` or `false`", "`auto`"), (byName["hive_partitioning"].Type, byName["hive_partitioning"].Default));
        Assert.Equal(("boolean", "`true`"), (byName["ignore_hidden"].Type, byName["ignore_hidden"].Default));
    }

    [Fact]
    public void SourceSpec_PropertySummaries_OnlyPointToTheDescription()
    {
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "CqSourceS3.Client.xml"));
        foreach (var property in SpecReader.Properties)
        {
            var member = $"P:{typeof(SourceSpec).FullName}.{((MemberInfo)property.AttributeProvider!).Name}";
            var summary = docs.Descendants("member").SingleOrDefault(m => (string?)m.Attribute("name") == member)?.Element("summary")?.Value.Trim();

            Assert.True(summary == $"The {property.Name} option, documented by its Description.",
                $"{member}'s <summary> must be 'The <c>{property.Name}</c> option, documented by its Description.' so that the " +
                $"option's text lives only in its [Description]; it is '{summary}'.");
        }
    }

    private static List<string> Disagreements(List<string> rows)
    {
        var problems = new List<string>();
        foreach (var option in SpecOption.TableOptions)
        {
            var row = rows.FirstOrDefault(r => r.StartsWith($"| `{option.Name}` |", StringComparison.Ordinal));
            if (row is null)
            {
                problems.Add($"no row for `{option.Name}`; expected:\n{option.Row}");
            }
            else if (row != option.Row)
            {
                problems.Add($"the row of `{option.Name}` differs.\nexpected: {option.Row}\nactual:   {row}");
            }
        }

        var expectedRows = SpecOption.TableOptions.Select(o => o.Row).ToList();
        problems.AddRange(rows.Where(r => !SpecOption.TableOptions.Any(o => r.StartsWith($"| `{o.Name}` |", StringComparison.Ordinal)))
            .Select(r => $"a row for no spec option (remove it, or add the option to SourceSpec):\n{r}"));
        if (problems.Count == 0 && !rows.SequenceEqual(expectedRows))
        {
            problems.Add($"the rows are not in the spec's order ({string.Join(", ", SpecOption.TableOptions.Select(o => o.Name))}) or repeat one");
        }

        return problems;
    }
}
