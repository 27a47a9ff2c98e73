using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class HiveTimestampTextTests
{
    [Theory]
    [InlineData("2024-01-01T10:00:00Z", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("2024-01-01t10:00:00z", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("2024-01-01 10:00:00", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("2024-01-01T10:00:00", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("2024-01-01 10:00", "2024-01-01T10:00:00.0000000+00:00")]
    [InlineData("2024-01-01T10:00:00+02:00", "2024-01-01T08:00:00.0000000+00:00")]
    [InlineData("2024-01-01T10:00:00+0200", "2024-01-01T08:00:00.0000000+00:00")]
    [InlineData("2024-01-01T10:00:00-05", "2024-01-01T15:00:00.0000000+00:00")]
    [InlineData("2024-01-01T23:30:00-01:00", "2024-01-02T00:30:00.0000000+00:00")]
    [InlineData("2024-01-01 10:00:00.5", "2024-01-01T10:00:00.5000000+00:00")]
    [InlineData("2024-01-01 10:00:00.123456Z", "2024-01-01T10:00:00.1234560+00:00")]
    [InlineData("2024-01-01 10:00:00.123456789+00:00", "2024-01-01T10:00:00.1234560+00:00")]
    [InlineData("1969-12-31T23:59:59.9999999Z", "1969-12-31T23:59:59.9999990+00:00")]
    public void TryParse_IsoAndHiveForms_GiveTheUtcInstantToTheMicrosecond(string text, string expected)
    {
        Assert.True(HiveTimestampText.TryParse(text, out var value));

        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-01-01T")]
    [InlineData("2024-01-01T10")]
    [InlineData("2024-01-01T24:00:00")]
    [InlineData("2024-01-01T10:60:00")]
    [InlineData("2024-01-01T10:00:60")]
    [InlineData("2024-02-30T10:00:00")]
    [InlineData("2024-01-01T10:00:00.")]
    [InlineData("2024-01-01T10:00:00.1234567890")]
    [InlineData("2024-01-01T10:00:00+15:00")]
    [InlineData("2024-01-01T10:00:00+02:60")]
    [InlineData("2024-01-01T10:00:00 UTC")]
    [InlineData("2024-01-01_10:00:00")]
    [InlineData(" 2024-01-01T10:00:00")]
    [InlineData("1704103200")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void TryParse_OtherForms_Fail(string text)
    {
        Assert.False(HiveTimestampText.TryParse(text, out _));
    }
}
