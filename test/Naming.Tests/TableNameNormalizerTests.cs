using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class TableNameNormalizerTests
{
    [Fact]
    public void Normalize_ExactlyMaxLength_IsKeptWhole()
    {
        var raw = new string('n', TableNames.MaxLength);

        var name = TableNameNormalizer.Normalize(raw, raw + "/");

        Assert.Equal(raw, name);
    }

    [Fact]
    public void Normalize_OneOverMaxLength_IsTruncatedToMaxLengthWithHash()
    {
        var raw = new string('n', TableNames.MaxLength + 1);

        var name = TableNameNormalizer.Normalize(raw, raw + "/");

        Assert.Equal(TableNames.MaxLength, name.Length);
        Assert.StartsWith(new string('n', TableNameNormalizer.TruncatedLength) + "_", name, StringComparison.Ordinal);
        Assert.Matches("_[0-9a-f]{8}$", name);
    }

    [Fact]
    public void Normalize_LongNamesSharingFiftyFourCharPrefix_StayDistinct()
    {
        var shared = new string('a', TableNameNormalizer.TruncatedLength);

        var first = TableNameNormalizer.Normalize(shared + "_first_table", "x/");
        var second = TableNameNormalizer.Normalize(shared + "_second_table", "x/");

        Assert.NotEqual(first, second);
        Assert.Equal(first[..TableNameNormalizer.TruncatedLength], second[..TableNameNormalizer.TruncatedLength]);
        Assert.True(first.Length <= TableNames.MaxLength);
        Assert.True(second.Length <= TableNames.MaxLength);
    }

    [Fact]
    public void Normalize_CutEndingInUnderscore_TrimsItBeforeHash()
    {
        // 53 'x', then '_' as the 54th character: the cut would end in '_', leaving "__" before the hash.
        var raw = new string('x', 53) + "/" + new string('y', 20);

        var name = TableNameNormalizer.Normalize(raw, raw + "/");

        Assert.Equal(new string('x', 53) + "_a75d2321", name);
        Assert.DoesNotContain("__", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_VeryLongRaw_IsBoundedAndUsesWholeNameHash()
    {
        var raw = new string('k', 1000);

        var name = TableNameNormalizer.Normalize(raw, raw + "/");

        Assert.Equal(new string('k', 54) + "_27fed049", name);
    }

    [Fact]
    public void Normalize_LongRawOfPunctuationAroundShortWord_IsShortWord()
    {
        var raw = new string('-', 500) + "word" + new string('.', 500);

        Assert.Equal("word", TableNameNormalizer.Normalize(raw, "irrelevant/"));
    }

    [Theory]
    [InlineData("---", "---/")]
    [InlineData("", "/")]
    [InlineData("", "")]
    [InlineData("日本", "日本/")]
    [InlineData("___", "___/")]
    public void Normalize_NothingLeft_ReturnsFallbackOfSourceHash(string raw, string source)
    {
        var name = TableNameNormalizer.Normalize(raw, source);

        Assert.Equal(TableNameNormalizer.FallbackPrefix + TableNameNormalizer.Hash8(source), name);
        Assert.Matches("^table_[0-9a-f]{8}$", name);
    }

    [Fact]
    public void Normalize_DifferentEmptySources_GetDifferentFallbacks()
    {
        var dashes = TableNameNormalizer.Normalize("---", "---/");
        var pluses = TableNameNormalizer.Normalize("+++", "+++/");

        Assert.Equal("table_94c46714", dashes);
        Assert.Equal("table_38c27e80", pluses);
    }

    [Theory]
    [InlineData("---/", "94c46714")]
    [InlineData("日本/", "99e3c23b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_two", "53a44cd3")]
    public void Hash8_KnownText_MatchesSha256Prefix(string text, string expected)
    {
        Assert.Equal(expected, TableNameNormalizer.Hash8(text));
    }

    [Fact]
    public void Normalize_ManyGeneratedShapes_NeverExceedMaxLengthOrBreakCharset()
    {
        var pieces = new[] { "a", "Δ", "-", "/", "long_segment_name_", "0", " ", "📦", "_" };
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var raw = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => pieces[random.Next(pieces.Length)]));

            var name = TableNameNormalizer.Normalize(raw, raw + "/");

            Assert.InRange(name.Length, 1, TableNames.MaxLength);
            Assert.Matches("^[A-Za-z0-9]([A-Za-z0-9_]*[A-Za-z0-9])?$", name);
            Assert.DoesNotContain("__", name, StringComparison.Ordinal);
        }
    }
}
