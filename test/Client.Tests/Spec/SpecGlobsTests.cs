using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Tests.Spec;

/// <summary>
/// The glob seam's interim check (until the key matcher's parser takes over): it must accept the syntax the options
/// document and reject what no glob parser could read.
/// </summary>
public class SpecGlobsTests
{
    [Theory]
    [InlineData("sales/**/*.parquet")]
    [InlineData("events/{eu,us}/day=2024-0?-*/[a-f]*.parquet")]
    [InlineData("a/[{]/b")]
    [InlineData("literal.parquet")]
    public void ErrorOf_DocumentedSyntax_IsNull(string pattern)
    {
        Assert.Null(SpecGlobs.ErrorOf(pattern));
    }

    [Theory]
    [InlineData("", "a glob must not be empty")]
    [InlineData("logs/[ab", "'[' without a closing ']'")]
    [InlineData("{a,b", "'{' without a closing '}'")]
    [InlineData("a}", "'}' without an opening '{'")]
    public void ErrorOf_Unbalanced_SaysWhy(string pattern, string expected)
    {
        Assert.Equal(expected, SpecGlobs.ErrorOf(pattern));
    }
}
