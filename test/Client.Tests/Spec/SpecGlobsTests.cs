using CqSourceS3.Client.Spec;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Tests.Spec;

/// <summary>
/// The spec asks the key matcher's parser: every glob syntax the options document is accepted, and a malformed one
/// is rejected with the parser's reason, without the parser's own quoting of the pattern (the spec quotes it).
/// </summary>
public class SpecGlobsTests
{
    [Theory]
    [InlineData("sales/**/*.parquet")]
    [InlineData("events/{eu,us}/day=2024-0?-*/[a-f]*.parquet")]
    [InlineData("logs/[!_]*.parquet")]
    [InlineData("a/\\*literal")]
    [InlineData("literal.parquet")]
    public void ErrorOf_DocumentedSyntax_IsNull(string pattern)
    {
        Assert.Null(SpecGlobs.ErrorOf(pattern));
    }

    [Theory]
    [InlineData("", "the pattern is empty")]
    [InlineData("logs/[ab", "unclosed '[' at position 5")]
    [InlineData("{a,b", "unclosed '{' at position 0")]
    [InlineData("a}", "unmatched '}' at position 1")]
    [InlineData("a/[z-a]", "reversed range 'z-a' at position 3")]
    public void ErrorOf_Malformed_SaysWhyWithoutRepeatingThePattern(string pattern, string expected)
    {
        Assert.Equal(expected, SpecGlobs.ErrorOf(pattern));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("Orders_2024")]
    [InlineData("a-b")]
    [InlineData("sales.v2")]
    [InlineData("")]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789xyz")]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789xyzw")]
    public void TableRuleName_SpecRule_AgreesWithTheNamer(string name)
    {
        // The spec checks table_rules[].name with its own pattern (the JSON schema needs one); discovery uses the
        // names as is, so both must accept exactly the same names.
        var specAccepts = SpecReaderAccepts($$"""{"bucket":"b","table_rules":[{"match":"a/**","name":"{{name}}"}]}""");

        Assert.Equal(TableNames.IsValidName(name), specAccepts);
    }

    private static bool SpecReaderAccepts(string json)
    {
        try
        {
            SpecReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
            return true;
        }
        catch (SpecException)
        {
            return false;
        }
    }
}
