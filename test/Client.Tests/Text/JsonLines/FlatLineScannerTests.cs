using System.Text;
using System.Text.Json;
using CqSourceS3.Client.Text.JsonLines;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

/// <summary>
/// The fast scanner must read every line it takes exactly as the general reader (<see cref="JsonLineObject"/>) does,
/// and must hand back every line that reader rejects.
/// </summary>
public sealed class FlatLineScannerTests
{
    public static TheoryData<string> ValidLines() =>
    [
        "{}", " { } ", "{\"a\":1}", "{ \"a\" : 1 , \"b\" : -2.5e-3 }\t", "{\"a\":0,\"b\":-0,\"c\":0.5,\"d\":1E+9,\"e\":123456789012345678901234}",
        "{\"s\":\"\",\"t\":\"x\\\"y\",\"u\":\"\\u00e9\\n\\t\\\\\\/\\b\\f\\r\",\"v\":\"é😀\"}", "{\"b\":true,\"c\":false,\"n\":null}",
        "{\"o\":{\"k\":[1,{\"z\":\"}\"}],\"e\":{}},\"a\":[],\"x\":1}", "{\"a\":[1, 2, [3, [\"]\"]]] , \"b\":{ } }",
        "{\"dup\":1,\"dup\":2}", "{\"a\":\"0123456789abcde\",\"b\":\"0123456789abcdef\",\"c\":\"0123456789abcdef\\\"0123456789abcdef\"}", "{\"\":1}", "{\"a\":\"\\ud800\"}", "{\"a\":1}\r",
        "{\"id\":0,\"quantity\":341,\"price\":262.7,\"flag\":false,\"category\":\"category-0249\",\"user_id\":\"user-230053\",\"event_time\":\"2024-01-01 00:00:00.221591+00\",\"event_date\":\"2020-01-01\",\"amount\":98939964.0665,\"score\":0.3920385643802763,\"tags\":[3682,8708]}",
    ];

    public static TheoryData<string> InvalidLines() =>
    [
        "", "   ", "[]", "1", "\"a\"", "null", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\":1 \"b\":2}",
        "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":+1}", "{\"a\":1x}", "{\"a\":0x10}",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":\"x}", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}", "{\"a\":1}x", "{\"a\":1}{\"b\":2}", "{\"a\":1} 2",
        "{\"a\":[1,]}", "{\"a\":\"0123456789abcdef\tx\"}", "{\"a\":\"0123456789abcdefghijklmnopqrstuvwxyz\u0001\"}", "{\"a\":{\"b\"}}", "{\"a\":[1 2]}", "{a:1}", "{'a':1}", "{\"a\":1 // c\n}", "{\"a\":1}}", "{\"a\":[}",
    ];

    [Theory]
    [MemberData(nameof(ValidLines))]
    public void TryScan_ValidLine_SameTokensAsTheReader(string line) => AssertAgrees(line, expectTaken: true);

    [Theory]
    [MemberData(nameof(InvalidLines))]
    public void TryScan_InvalidLine_LeftToTheReader(string line)
    {
        Assert.Null(Reference(Encoding.UTF8.GetBytes(line)));
        AssertAgrees(line, expectTaken: false);
    }

    [Fact]
    public void TryScan_EscapedKey_LeftToTheReader()
    {
        var entries = new FlatLineScanner.Entry[1];

        Assert.False(FlatLineScanner.TryScan("{\"a\\u0062\":1}"u8, null, ref entries, out _));
        Assert.False(FlatLineScanner.TryScan("{\"a\\u0062\":1}"u8, Hints, ref entries, out _));
    }

    [Fact]
    public void TryScan_WithColumns_EachKeyGetsItsColumn()
    {
        var entries = new FlatLineScanner.Entry[1];
        var line = "{\"id\":1,\"quantity\":2,\"tags\":[],\"price\":3.5,\"k0\":4,\"extra\":5}"u8;

        Assert.True(FlatLineScanner.TryScan(line, Hints, ref entries, out var count));

        // Every key gets its column, whether its bytes matched the column after the last one found or it was looked up;
        // a key that names no column gets -1.
        Assert.Equal([7, 8, 17, 9, 0, -1], entries.Take(count).Select(e => e.Column));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(60)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void TryScan_DeepNesting_DepthLimitWhereTheReaderHasIt(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);

        AssertAgrees("{\"a\":" + nested + "}", expectTaken: null);
    }

    [Fact]
    public void TryScan_DuckDbFixtureLines_SameTokensAsTheReader()
    {
        var path = Path.Combine(RepoPaths.Root, "test", "Client.Tests", "Text", "JsonLines", "Fixtures", "duckdb.jsonl");
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            AssertAgrees(line, expectTaken: true);
        }
    }

    [Fact]
    public void TryScan_RandomLinesAndTheirMutations_NeverDisagreeWithTheReader()
    {
        // Lines of every value kind, then each with one byte changed, dropped or doubled: most mutations are invalid,
        // and every one the scanner takes must read exactly as the reader reads it.
        var random = new Random(7);
        string[] values = ["0", "-1", "2.5", "1e3", "true", "false", "null", "\"x\"", "\"a\\\"b\"", "\"\\u0041\"", "[1,[2]]", "{\"k\":{\"j\":[]}}", "\"é\"", "[]", "{}"];
        const string Alphabet = "{}[]\",:.-+eE0123456789 \\utrfnalsx";
        for (var n = 0; n < 3000; n++)
        {
            var keys = Enumerable.Range(0, random.Next(0, 5)).Select(_ => $"\"k{random.Next(4)}\":{values[random.Next(values.Length)]}");
            var line = "{" + string.Join(",", keys) + "}";
            AssertAgrees(line, expectTaken: true);
            for (var m = 0; m < 5; m++)
            {
                var at = random.Next(line.Length);
                var mutated = random.Next(3) switch
                {
                    0 => line.Remove(at, 1),
                    1 => line.Insert(at, line[at].ToString()),
                    _ => line.Remove(at, 1).Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString()),
                };
                AssertAgrees(mutated, expectTaken: null);
            }
        }
    }

    // expectTaken: true, the scanner must take the line; false, it must not; null, either, but a taken line must agree.
    // Each line is scanned without column names and with them (keys matched by their bytes): both must agree.
    private static void AssertAgrees(string text, bool? expectTaken)
    {
        var line = Encoding.UTF8.GetBytes(text);
        foreach (var columns in new[] { null, Hints })
        {
            var entries = new FlatLineScanner.Entry[1];
            var taken = FlatLineScanner.TryScan(line, columns, ref entries, out var count);
            if (expectTaken is { } expected)
            {
                Assert.True(expected == taken, $"{text}: scanner {(taken ? "took" : "left")} it");
            }

            if (taken)
            {
                var reference = Reference(line);
                Assert.True(reference is not null, $"{text}: the scanner took a line the reader rejects");
                Assert.Equal(reference, entries.Take(count).Select(e => (e.Key, e.Value)));
                foreach (var entry in entries.Take(count).Where(e => e.Column >= 0))
                {
                    Assert.NotNull(columns);
                    Assert.Equal(columns.PlainName(entry.Column), line.AsSpan(entry.Key.Start + 1, entry.Key.Length - 2).ToArray());
                }
            }
        }
    }

    // Column names as a columns-mode schema has them: the keys of the random lines, a name a key cannot be written as
    // byte for byte (it holds a quote), and the reference set's.
    private static readonly ColumnIndex Hints = MakeHints();

    private static ColumnIndex MakeHints()
    {
        var index = new ColumnIndex();
        string[] names = ["k0", "k1", "q\"", "k2", "k3", "a", "b", "id", "quantity", "price", "flag", "category", "user_id", "event_time", "event_date", "amount", "score", "tags", "dup", ""];
        foreach (var name in names)
        {
            index.Add(Encoding.UTF8.GetBytes(name));
        }

        return index;
    }

    // The general reader's walk, as LineValues makes it; null when the line is not a valid JSON object.
    private static List<(JsonToken, JsonToken)>? Reference(byte[] line)
    {
        var scratch = new byte[16];
        var entries = new List<(JsonToken, JsonToken)>();
        try
        {
            var reader = new Utf8JsonReader(line);
            JsonLineObject.ReadStart(ref reader, 1);
            while (JsonLineObject.ReadKey(ref reader))
            {
                JsonLineObject.KeyName(ref reader, ref scratch, line, 1);
                var key = JsonLineObject.KeyToken(ref reader);
                entries.Add((key, JsonLineObject.ReadValue(ref reader)));
            }

            return entries;
        }
        catch (Exception e) when (e is JsonException or CqSourceS3.Client.Text.TextDataException)
        {
            return null;
        }
    }
}
