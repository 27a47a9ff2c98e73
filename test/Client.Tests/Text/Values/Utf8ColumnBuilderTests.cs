using Apache.Arrow;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Tests.Text.Values;

public sealed class Utf8ColumnBuilderTests
{
    [Fact]
    public void Build_SecondBatch_StartsAtOffsetZero()
    {
        var builder = new Utf8ColumnBuilder(TextType.Utf8);
        builder.TryAppend("first");
        builder.Build();

        builder.TryAppend("a");
        builder.AppendNull();
        builder.TryAppend("bc");
        var second = (StringArray)builder.Build();

        Assert.Equal(["a", null, "bc"], Enumerable.Range(0, second.Length).Select(i => second.GetString(i)));
    }

    [Fact]
    public void TryAppend_AfterABuild_FillsTheCapacityGrownBeforeWithoutGrowingAgain()
    {
        var builder = new Utf8ColumnBuilder(TextType.Utf8);
        Fill(builder);
        builder.Build();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Fill(builder);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1024, $"{allocated} bytes allocated refilling a built builder");
    }

    private static void Fill(Utf8ColumnBuilder builder)
    {
        for (var i = 0; i < 10_000; i++)
        {
            builder.TryAppend("ab");
        }
    }
}
