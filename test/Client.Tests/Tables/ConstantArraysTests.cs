using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class ConstantArraysTests
{
    public static TheoryData<string, object, string> Values => new()
    {
        { "utf8", "05", "\"05\"" },
        { "utf8", "", "\"\"" },
        { "utf8", "Zürich €", "\"Zürich €\"" },
        { "int32", -7, "-7" },
        { "int64", long.MaxValue, "9223372036854775807" },
        { "float64", -0.25, "-0.25" },
        { "bool", true, "true" },
        { "bool", false, "false" },
        { "date32", new DateOnly(1969, 12, 31), "-1" },
        { "timestamp", new DateTimeOffset(1970, 1, 1, 0, 0, 1, TimeSpan.Zero), "1000000" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Build_Value_EveryRowHoldsIt(string typeName, object value, string rendered)
    {
        using var array = ArrowArrayFactory.BuildArray(ConstantArrays.Build(ArrowTypeOf(typeName), value, 11));

        Assert.Equal(11, array.Length);
        Assert.Equal(0, array.NullCount);
        Assert.All(Enumerable.Range(0, 11), row => Assert.Equal(rendered, ArrowValueFormatter.Format(array, row)));
    }

    [Theory]
    [InlineData("utf8", 10 * 4)]
    [InlineData("int32", 9 * 4)]
    [InlineData("int64", 9 * 8)]
    [InlineData("float64", 9 * 8)]
    [InlineData("bool", 2)]
    [InlineData("date32", 9 * 4)]
    [InlineData("timestamp", 9 * 8)]
    public void Build_Null_EveryRowNullOverBuffersOfTheFullLayout(string typeName, int valueBytes)
    {
        using var array = ArrowArrayFactory.BuildArray(ConstantArrays.Build(ArrowTypeOf(typeName), null, 9));

        Assert.Equal((9, 9), (array.Length, array.NullCount));
        Assert.All(Enumerable.Range(0, 9), row => Assert.Equal("null", ArrowValueFormatter.Format(array, row)));
        Assert.Equal(2, array.Data.Buffers[0].Length);
        Assert.Equal(valueBytes, array.Data.Buffers[1].Length);
    }

    [Fact]
    public void Build_ZeroRows_IsEmpty()
    {
        using var array = ArrowArrayFactory.BuildArray(ConstantArrays.Build(StringType.Default, "x", 0));

        Assert.Equal(0, array.Length);
    }

    [Fact]
    public void Build_ValueOfAnotherType_Throws()
    {
        Assert.Throws<ArgumentException>(() => ConstantArrays.Build(Int64Type.Default, 5, 3));
        Assert.Throws<ArgumentException>(() => ConstantArrays.Build(FloatType.Default, 5f, 3));
    }

    [Fact]
    public void MicrosecondsSinceEpoch_BelowAMicrosecond_RoundsTowardsThePast()
    {
        Assert.Equal(1, ConstantArrays.MicrosecondsSinceEpoch(DateTimeOffset.UnixEpoch.AddTicks(19)));
        Assert.Equal(-1, ConstantArrays.MicrosecondsSinceEpoch(DateTimeOffset.UnixEpoch.AddTicks(-1)));
        Assert.Equal(-2, ConstantArrays.MicrosecondsSinceEpoch(DateTimeOffset.UnixEpoch.AddTicks(-11)));
        Assert.Equal(-1, ConstantArrays.MicrosecondsSinceEpoch(DateTimeOffset.UnixEpoch.AddTicks(-10)));
    }

    [Fact]
    public void MicrosecondsSinceEpoch_AnOffset_CountsTheInstant()
    {
        var local = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal(1_704_096_000_000_000, ConstantArrays.MicrosecondsSinceEpoch(local));
    }

    private static IArrowType ArrowTypeOf(string specName) =>
        HiveValueTypes.TryParse(specName, out var type) ? HiveValueTypes.ArrowType(type) : throw new ArgumentException(specName);

    [Fact]
    public void Sequence_CountsUpFromTheFirstValue()
    {
        using var array = ConstantArrays.Sequence(1_000_000_000_000, 3);

        Assert.Equal([1_000_000_000_000L, 1_000_000_000_001, 1_000_000_000_002], array.Values.ToArray());
    }
}
