using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class HiveValueTypesTests
{
    [Fact]
    public void SpecNames_AreTheSpecsSpellingsInEnumOrder()
    {
        Assert.Equal(["utf8", "int32", "int64", "float64", "bool", "date32", "timestamp"], HiveValueTypes.SpecNames);
        Assert.Equal(HiveValueTypes.SpecNames, Enum.GetValues<HiveValueType>().Select(HiveValueTypes.SpecName));
    }

    [Fact]
    public void TryParse_EverySpecName_RoundTrips()
    {
        foreach (var type in Enum.GetValues<HiveValueType>())
        {
            Assert.True(HiveValueTypes.TryParse(HiveValueTypes.SpecName(type), out var parsed));
            Assert.Equal(type, parsed);
        }
    }

    [Theory]
    [InlineData("Int32")]
    [InlineData("string")]
    [InlineData("date")]
    [InlineData("")]
    [InlineData(" int32")]
    public void TryParse_UnknownName_Fails(string name)
    {
        Assert.False(HiveValueTypes.TryParse(name, out _));
    }

    [Fact]
    public void ArrowType_EachType_IsItsArrowType()
    {
        Assert.IsType<StringType>(HiveValueTypes.ArrowType(HiveValueType.Utf8));
        Assert.IsType<Int32Type>(HiveValueTypes.ArrowType(HiveValueType.Int32));
        Assert.IsType<Int64Type>(HiveValueTypes.ArrowType(HiveValueType.Int64));
        Assert.IsType<DoubleType>(HiveValueTypes.ArrowType(HiveValueType.Float64));
        Assert.IsType<BooleanType>(HiveValueTypes.ArrowType(HiveValueType.Bool));
        Assert.IsType<Date32Type>(HiveValueTypes.ArrowType(HiveValueType.Date32));
        var timestamp = Assert.IsType<TimestampType>(HiveValueTypes.ArrowType(HiveValueType.Timestamp));
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (timestamp.Unit, timestamp.Timezone));
    }

    [Fact]
    public void TryOf_EachArrowType_GivesItsValueTypeBack()
    {
        foreach (var type in Enum.GetValues<HiveValueType>())
        {
            Assert.True(HiveValueTypes.TryOf(HiveValueTypes.ArrowType(type), out var found));
            Assert.Equal(type, found);
        }
    }

    [Fact]
    public void TryOf_OtherArrowTypes_Fail()
    {
        Assert.False(HiveValueTypes.TryOf(new TimestampType(TimeUnit.Millisecond, "UTC"), out _));
        Assert.False(HiveValueTypes.TryOf(new TimestampType(TimeUnit.Microsecond, (string?)null), out _));
        Assert.False(HiveValueTypes.TryOf(FloatType.Default, out _));
        Assert.False(HiveValueTypes.TryOf(BinaryType.Default, out _));
    }
}
