using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class KeyGlobTests
{
    [Theory]
    [InlineData("sales/2024/a.parquet", "sales/2024/a.parquet")]
    [InlineData("a,b]", "a,b]")]
    [InlineData("sales/*.parquet", "sales/a.parquet")]
    [InlineData("sales/*.parquet", "sales/.parquet")]
    [InlineData("*", "x.parquet")]
    [InlineData("a*b*c", "abc")]
    [InlineData("a*b*c", "a-b-b-c")]
    [InlineData("part-?.parquet", "part-7.parquet")]
    [InlineData("part-[0-9].parquet", "part-5.parquet")]
    [InlineData("part-[abc].parquet", "part-b.parquet")]
    [InlineData("part-[a-cx-z].parquet", "part-y.parquet")]
    [InlineData("part-[!0-9].parquet", "part-x.parquet")]
    [InlineData("part-[^0-9].parquet", "part-x.parquet")]
    [InlineData("[-a].x", "-.x")]
    [InlineData("[a-].x", "-.x")]
    [InlineData("{sales,events}/x.parquet", "events/x.parquet")]
    [InlineData("x{,.gz}", "x")]
    [InlineData("x{,.gz}", "x.gz")]
    [InlineData("{a/b,c}/x", "a/b/x")]
    [InlineData("{a*,[0-9]?}/x", "abc/x")]
    [InlineData("{a*,[0-9]?}/x", "7z/x")]
    [InlineData("{a,b{c,d}}/x", "bd/x")]
    [InlineData("{a}/x", "a/x")]
    public void IsMatch_MatchingKey_ReturnsTrue(string pattern, string key)
    {
        Assert.True(KeyGlob.Parse(pattern).IsMatch(key));
    }

    [Theory]
    [InlineData("sales/2024/a.parquet", "sales/2024/a.parquet.crc")]
    [InlineData("sales/2024/a.parquet", "Sales/2024/a.parquet")]
    [InlineData("sales/*.parquet", "sales/x/a.parquet")]
    [InlineData("sales/*.parquet", "sales/a.PARQUET")]
    [InlineData("*", "a/b")]
    [InlineData("a*b*c", "abcd")]
    [InlineData("part-?.parquet", "part-10.parquet")]
    [InlineData("part-?.parquet", "part-.parquet")]
    [InlineData("a?b", "a/b")]
    [InlineData("part-[0-9].parquet", "part-a.parquet")]
    [InlineData("part-[abc].parquet", "part-B.parquet")]
    [InlineData("part-[!0-9].parquet", "part-5.parquet")]
    [InlineData("part-[^0-9].parquet", "part-5.parquet")]
    [InlineData("a[!x]b", "a/b")]
    [InlineData("a[!.]b", "a/b")]
    [InlineData("{sales,events}/x.parquet", "logs/x.parquet")]
    [InlineData("{sales,events}/x.parquet", "salesevents/x.parquet")]
    [InlineData("{a*,[0-9]?}/x", "77z/x")]
    [InlineData("{a,b{c,d}}/x", "b/x")]
    public void IsMatch_OtherKey_ReturnsFalse(string pattern, string key)
    {
        Assert.False(KeyGlob.Parse(pattern).IsMatch(key));
    }

    [Theory]
    [InlineData("sales/a.parquet")]
    [InlineData("sales/x/y/a.parquet")]
    [InlineData("sales/")]
    public void IsMatch_TrailingGlobstar_MatchesEverythingUnderFolder(string key)
    {
        Assert.True(KeyGlob.Parse("sales/**").IsMatch(key));
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("salesx/a.parquet")]
    [InlineData("other/sales/a.parquet")]
    public void IsMatch_TrailingGlobstar_DoesNotMatchOutsideFolder(string key)
    {
        Assert.False(KeyGlob.Parse("sales/**").IsMatch(key));
    }

    [Theory]
    [InlineData("x.parquet", true)]
    [InlineData("a/x.parquet", true)]
    [InlineData("a/b/x.parquet", true)]
    [InlineData("ax.parquet", false)]
    [InlineData("a/bx.parquet", false)]
    [InlineData("a/x.parquet/y", false)]
    public void IsMatch_LeadingGlobstar_MatchesFileAtAnyDepth(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("**/x.parquet").IsMatch(key));
    }

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("a/x/b", true)]
    [InlineData("a/x/y/b", true)]
    [InlineData("a//b", true)]
    [InlineData("ab", false)]
    [InlineData("a/xb", false)]
    [InlineData("a/x/y/b/c", false)]
    [InlineData("xa/b", false)]
    public void IsMatch_MiddleGlobstar_MatchesZeroOrMoreWholeSegments(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("a/**/b").IsMatch(key));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("a/b/c.parquet")]
    [InlineData("/")]
    public void IsMatch_GlobstarAlone_MatchesEveryKey(string key)
    {
        Assert.True(KeyGlob.Parse("**").IsMatch(key));
    }

    [Theory]
    [InlineData("logs/app-1/x.parquet", true)]
    [InlineData("logs/app-web/2024/01/x.parquet", true)]
    [InlineData("logs/db-1/x.parquet", false)]
    public void IsMatch_StarInFolderThenGlobstar_MatchesEveryKeyBelow(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("logs/app-*/**").IsMatch(key));
    }

    [Theory]
    [InlineData("axb", true)]
    [InlineData("ab", true)]
    [InlineData("a/b", false)]
    [InlineData("ax/yb", false)]
    public void IsMatch_DoubleStarInsideSegment_IsPlainStar(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("a**b").IsMatch(key));
    }

    [Theory]
    [InlineData("x.parquet", true)]
    [InlineData("a/x.parquet", false)]
    public void IsMatch_DoubleStarWithSuffixInSegment_StaysInSegment(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("**.parquet").IsMatch(key));
    }

    [Theory]
    [InlineData("sales/a.parquet", true)]
    [InlineData("events/x/y.parquet", true)]
    [InlineData("logs/a.parquet", false)]
    public void IsMatch_GlobstarAfterBraces_IsExpandedPerAlternative(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("{sales,events}/**").IsMatch(key));
    }

    [Theory]
    [InlineData("a/x/y/z", true)]
    [InlineData("b", true)]
    [InlineData("b/x", false)]
    public void IsMatch_GlobstarInsideBraces_IsGlobstarOfItsAlternative(string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse("{a/**,b}").IsMatch(key));
    }

    [Theory]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "axb", false)]
    [InlineData(@"a\?b", "a?b", true)]
    [InlineData(@"a\?b", "axb", false)]
    [InlineData(@"\[abc]", "[abc]", true)]
    [InlineData(@"\{a,b\}", "{a,b}", true)]
    [InlineData(@"\{a,b\}", "a", false)]
    [InlineData(@"a\\b", @"a\b", true)]
    [InlineData(@"a\xb", "axb", true)]
    [InlineData(@"[\]]", "]", true)]
    [InlineData(@"[a\-z]", "-", true)]
    [InlineData(@"[a\-z]", "b", false)]
    [InlineData(@"{a\,b,c}", "a,b", true)]
    [InlineData(@"{a\}b,c}", "a}b", true)]
    [InlineData(@"a\/b", "a/b", true)]
    [InlineData(@"\*\*/x", "**/x", true)]
    [InlineData(@"\*\*/x", "a/x", false)]
    public void IsMatch_EscapedSyntax_IsLiteral(string pattern, string key, bool expected)
    {
        Assert.Equal(expected, KeyGlob.Parse(pattern).IsMatch(key));
    }

    [Fact]
    public void IsMatch_PathologicalPatternOnLongKey_Returns()
    {
        var key = new string('a', 10_000);
        var glob = KeyGlob.Parse("*a*a*a*a*a*a*a*a*a*a*b");

        Assert.False(glob.IsMatch(key));
        Assert.True(glob.IsMatch(key + "b"));
    }

    [Fact]
    public void IsMatch_PathologicalGlobstarsOnDeepKey_Returns()
    {
        var key = string.Concat(Enumerable.Repeat("a/", 5_000));
        var glob = KeyGlob.Parse("**/a/**/a/**/a/**/a/**/b");

        Assert.False(glob.IsMatch(key));
        Assert.True(glob.IsMatch(key + "b"));
    }

    [Fact]
    public void IsMatch_LargeProgram_MatchesLikeSmallOne()
    {
        // 200 alternatives compile past the stack buffer, exercising the pooled one.
        var alternatives = string.Join(',', Enumerable.Range(0, 200).Select(i => $"t{i}"));
        var glob = KeyGlob.Parse($"{{{alternatives}}}/*.parquet");

        Assert.True(glob.IsMatch("t199/x.parquet"));
        Assert.False(glob.IsMatch("t200/x.parquet"));
    }

    [Fact]
    public void IsMatch_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => KeyGlob.Parse("*").IsMatch(null!));
    }

    [Theory]
    [InlineData("sales/2024/*.parquet", "sales/2024/")]
    [InlineData("events/*/part-*", "events/")]
    [InlineData("{a,b}/x", "")]
    [InlineData("sales/2024/part-?.parquet", "sales/2024/part-")]
    [InlineData("sales/[0-9]/x", "sales/")]
    [InlineData("sales/**", "sales/")]
    [InlineData("data/{a,b}/x", "data/")]
    [InlineData("exact/key.parquet", "exact/key.parquet")]
    [InlineData(@"a\*b/*", "a*b/")]
    [InlineData(@"a\{b/{c,d}", "a{b/")]
    [InlineData("x,y]/*", "x,y]/")]
    [InlineData("*", "")]
    public void LiteralPrefix_Pattern_IsUnescapedTextBeforeFirstSyntax(string pattern, string expected)
    {
        Assert.Equal(expected, KeyGlob.Parse(pattern).LiteralPrefix);
    }

    [Fact]
    public void Pattern_ParsedGlob_IsTextAsWritten()
    {
        var glob = KeyGlob.Parse(@"a\*/{b,c}");

        Assert.Equal(@"a\*/{b,c}", glob.Pattern);
        Assert.Equal(@"a\*/{b,c}", glob.ToString());
    }

    [Theory]
    [InlineData("", "glob \"\": the pattern is empty")]
    [InlineData("sales/[abc", "glob \"sales/[abc\": unclosed '[' at position 6")]
    [InlineData("sales/[!", "glob \"sales/[!\": unclosed '[' at position 6")]
    [InlineData("{a,b", "glob \"{a,b\": unclosed '{' at position 0")]
    [InlineData("x/{a,{b,c}", "glob \"x/{a,{b,c}\": unclosed '{' at position 2")]
    [InlineData("a[]b", "glob \"a[]b\": empty '[]' at position 1")]
    [InlineData("a[!]b", "glob \"a[!]b\": empty '[!]' at position 1")]
    [InlineData("a{}b", "glob \"a{}b\": empty '{}' at position 1")]
    [InlineData("a}b", "glob \"a}b\": unmatched '}' at position 1")]
    [InlineData("{a,b}}", "glob \"{a,b}}\": unmatched '}' at position 5")]
    [InlineData(@"\{a,b}", "glob \"\\{a,b}\": unmatched '}' at position 5")]
    [InlineData("[z-a]", "glob \"[z-a]\": reversed range 'z-a' at position 1")]
    [InlineData("a[x/]b", "glob \"a[x/]b\": '/' in a character class at position 3 can never match, as classes stay within one segment")]
    [InlineData(@"a\", "glob \"a\\\": trailing '\\' at position 1 escapes nothing")]
    [InlineData(@"[a\", "glob \"[a\\\": trailing '\\' at position 2 escapes nothing")]
    public void Parse_MalformedPattern_ThrowsNamingPatternAndProblem(string pattern, string expected)
    {
        var error = Assert.Throws<KeyGlobFormatException>(() => KeyGlob.Parse(pattern));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_BracesExpandingTooFar_Throws()
    {
        // Nine binary groups expand to 512 spellings, over the limit of 256.
        var pattern = string.Concat(Enumerable.Repeat("{a,b}", 9));

        var error = Assert.Throws<KeyGlobFormatException>(() => KeyGlob.Parse(pattern));

        Assert.Equal($"glob \"{pattern}\": braces expand to more than 256 alternatives", error.Message);
    }

    [Fact]
    public void Parse_BracesExpandingToLimit_Succeeds()
    {
        var glob = KeyGlob.Parse(string.Concat(Enumerable.Repeat("{a,b}", 8)));

        Assert.True(glob.IsMatch("abababab"));
        Assert.False(glob.IsMatch("abababa"));
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => KeyGlob.Parse(null!));
    }

    [Fact]
    public void CommonLiteralPrefix_SeveralGlobs_IsLongestSharedStart()
    {
        KeyGlob[] globs = [KeyGlob.Parse("sales/2024/*"), KeyGlob.Parse("sales/2023/*"), KeyGlob.Parse("sales/20*")];

        Assert.Equal("sales/20", KeyGlob.CommonLiteralPrefix(globs));
    }

    [Fact]
    public void CommonLiteralPrefix_OneGlob_IsItsLiteralPrefix()
    {
        Assert.Equal("events/", KeyGlob.CommonLiteralPrefix([KeyGlob.Parse("events/*/part-*")]));
    }

    [Fact]
    public void CommonLiteralPrefix_GlobWithoutPrefix_IsEmpty()
    {
        Assert.Equal("", KeyGlob.CommonLiteralPrefix([KeyGlob.Parse("sales/*"), KeyGlob.Parse("{a,b}/x")]));
    }

    [Fact]
    public void CommonLiteralPrefix_CaseDifference_IsNotShared()
    {
        Assert.Equal("", KeyGlob.CommonLiteralPrefix([KeyGlob.Parse("Sales/*"), KeyGlob.Parse("sales/*")]));
    }

    [Fact]
    public void CommonLiteralPrefix_NoGlobs_IsEmpty()
    {
        Assert.Equal("", KeyGlob.CommonLiteralPrefix([]));
    }
}
