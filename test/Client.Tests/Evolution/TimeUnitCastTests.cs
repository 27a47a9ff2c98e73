using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class TimeUnitCastTests
{
    private static readonly TimestampType SecondsUtc = new(TimeUnit.Second, "UTC");
    private static readonly TimestampType NanosUtc = new(TimeUnit.Nanosecond, "UTC");

    [Fact]
    public void Widen_TimestampSecondsIntoNanoseconds_MultipliesUpToTheLimits()
    {
        var data = EvolutionArrays.Fixed(SecondsUtc, [0L, -1L, 9_223_372_036L, -9_223_372_036L, 0L], [true, true, true, true, false]);

        var widened = Assert.IsType<TimestampArray>(ArrayWidener.Widen(ArrowArrayFactory.BuildArray(data), NanosUtc, "ts"));

        Assert.Equal(
            [0L, -1_000_000_000L, 9_223_372_036_000_000_000L, -9_223_372_036_000_000_000L, null],
            Enumerable.Range(0, 5).Select(widened.GetValue));
        Assert.Same(NanosUtc, widened.Data.DataType);
    }

    [Fact]
    public void Widen_TimestampThatOverflowsNanoseconds_ThrowsColumnWideningExceptionNamingValueAndTypes()
    {
        var seconds = new TimestampType(TimeUnit.Second, (string?)null);
        var source = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(seconds, [1L, 9_223_372_036_854_775L], [true, true]));

        var error = Assert.Throws<ColumnWideningException>(
            () => ArrayWidener.Widen(source, new TimestampType(TimeUnit.Nanosecond, (string?)null), "ts"));

        Assert.Equal("column \"ts\": value 9223372036854775 (timestamp[s]) does not fit timestamp[ns]", error.Message);
        Assert.Equal(("ts", "9223372036854775", "timestamp[s]", "timestamp[ns]"), (error.Column, error.Value, error.SourceType, error.TargetType));
        Assert.Null(error.ObjectKey);
    }

    [Fact]
    public void Widen_NegativeTimestampJustBeyondTheLimit_Throws()
    {
        var source = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(SecondsUtc, [-9_223_372_037L], [true]));

        var error = Assert.Throws<ColumnWideningException>(() => ArrayWidener.Widen(source, NanosUtc, "ts"));

        Assert.Equal("-9223372037", error.Value);
    }

    [Fact]
    public void Widen_OutOfRangeValueUnderANull_StaysNullWithoutThrowing()
    {
        var source = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(SecondsUtc, [long.MaxValue, 2L, long.MinValue], [false, true, false]));

        var widened = Assert.IsType<TimestampArray>(ArrayWidener.Widen(source, NanosUtc, "ts"));

        Assert.Equal(["null", "2000000000", "null"], EvolutionArrays.Values(widened));
        Assert.Equal(2, widened.NullCount);
    }

    [Fact]
    public void Widen_SlicedMillisecondsIntoMicroseconds_TakesTheSlicesRows()
    {
        var millis = new TimestampType(TimeUnit.Millisecond, "Europe/Oslo");
        var whole = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(millis, [1L, 2L, 3L, 4L], [true, false, true, true]));

        var widened = ArrayWidener.Widen(ArrowArrayFactory.Slice(whole, 1, 2), new TimestampType(TimeUnit.Microsecond, "Europe/Oslo"), "ts");

        Assert.Equal(["null", "3000"], EvolutionArrays.Values(widened));
        Assert.Equal(["null", "3000"], EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_Time32IntoFinerUnits_MultipliesAndKeepsNulls()
    {
        var seconds = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(new Time32Type(TimeUnit.Second), [0, 86_399, 7], [true, true, false]));
        var millis = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(new Time32Type(TimeUnit.Millisecond), [86_399_999, 1], [true, false]));

        var toMillis = Assert.IsType<Time32Array>(ArrayWidener.Widen(seconds, new Time32Type(TimeUnit.Millisecond), "t"));
        var toNanos = Assert.IsType<Time64Array>(ArrayWidener.Widen(seconds, new Time64Type(TimeUnit.Nanosecond), "t"));
        var toMicros = Assert.IsType<Time64Array>(ArrayWidener.Widen(millis, new Time64Type(TimeUnit.Microsecond), "t"));

        Assert.Equal(["0", "86399000", "null"], EvolutionArrays.Values(toMillis));
        Assert.Equal(["0", "86399000000000", "null"], EvolutionArrays.Values(toNanos));
        Assert.Equal(["86399999000", "null"], EvolutionArrays.Values(toMicros));
    }

    [Fact]
    public void Widen_Time64MicrosecondsIntoNanoseconds_Multiplies()
    {
        var micros = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(new Time64Type(TimeUnit.Microsecond), [86_399_999_999L, 0L], [true, true]));

        var widened = ArrayWidener.Widen(micros, new Time64Type(TimeUnit.Nanosecond), "t");

        Assert.Equal(["86399999999000", "0"], EvolutionArrays.Values(widened));
    }

    [Fact]
    public void Widen_Time32SecondsOverflowingMilliseconds_Throws()
    {
        var seconds = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(new Time32Type(TimeUnit.Second), [2_147_484], [true]));

        var error = Assert.Throws<ColumnWideningException>(() => ArrayWidener.Widen(seconds, new Time32Type(TimeUnit.Millisecond), "t"));

        Assert.Equal("column \"t\": value 2147484 (time32[s]) does not fit time32[ms]", error.Message);
    }

    public static TheoryData<IArrowType, IArrowType> Refusals => new()
    {
        { new TimestampType(TimeUnit.Second, "UTC"), new TimestampType(TimeUnit.Nanosecond, "+00:00") },
        { new TimestampType(TimeUnit.Second, (string?)null), new TimestampType(TimeUnit.Second, "UTC") },
        { new TimestampType(TimeUnit.Nanosecond, "UTC"), new TimestampType(TimeUnit.Microsecond, "UTC") },
        { new Time64Type(TimeUnit.Microsecond), new Time32Type(TimeUnit.Millisecond) },
        { new Time32Type(TimeUnit.Millisecond), new Time32Type(TimeUnit.Second) },
        { new Time64Type(TimeUnit.Nanosecond), new TimestampType(TimeUnit.Nanosecond, (string?)null) },
        { Date32Type.Default, Date64Type.Default },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Widen_NotAUnitWidening_ThrowsArgumentException(IArrowType source, IArrowType target)
    {
        var array = NullArrays.Of(source, 2);

        Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(array, target, "t"));
    }
}
