using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class ArrayWidenerTests
{
    [Fact]
    public void Widen_ResultDisposedBeforeTheSource_LeavesTheSourceReadableAndFreesEachBufferOnce()
    {
        var allocator = new TrackingAllocator();
        var source = new StringArray.Builder().Append("kept").AppendNull().Build(allocator);

        var widened = ArrayWidener.Widen(source, LargeStringType.Default, "s");
        widened.Dispose();

        Assert.Equal(["\"kept\"", "null"], EvolutionArrays.Values(source));
        source.Dispose();
        Assert.Equal((0, 0), (allocator.Live, allocator.DoubleFrees));
    }

    [Fact]
    public void Widen_SourceDisposedBeforeTheResult_LeavesTheResultReadable()
    {
        var allocator = new TrackingAllocator();
        var source = new Int64Array.Builder().Append(long.MaxValue).AppendNull().Build(allocator);

        var shared = ArrayWidener.Widen(source, Int64Type.Default, "n");
        source.Dispose();

        Assert.Equal(["9223372036854775807", "null"], EvolutionArrays.Values(shared));
        shared.Dispose();
        Assert.Equal((0, 0), (allocator.Live, allocator.DoubleFrees));
    }

    [Fact]
    public void Widen_ExtensionArrayOfItsOwnType_SharesTheStorage()
    {
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        var uuids = new GuidArray.Builder().AppendNull().Append(guid).Build();

        var widened = Assert.IsType<FixedSizeBinaryArray>(ArrayWidener.Widen(uuids, GuidType.Default, "u"));

        Assert.True(EvolutionArrays.SameMemory(uuids.StorageArray.ValueBuffer, widened.ValueBuffer));
        Assert.True(widened.IsNull(0));
        Assert.Equal(GuidArray.GuidToBytes(guid), widened.GetBytes(1).ToArray());
    }

    [Fact]
    public void Widen_UnrelatedTypes_ThrowsArgumentExceptionWithBothTypes()
    {
        var source = NullArrays.Of(StringType.Default, 1);

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(source, Int64Type.Default, "name"));

        Assert.StartsWith("column \"name\": utf8 does not widen into int64", error.Message, StringComparison.Ordinal);
    }
}
