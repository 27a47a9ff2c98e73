using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tests.Discovery;

/// <summary>
/// Both formats' read failures reach <see cref="ObjectFailures"/> through their common base,
/// <see cref="ObjectReadException"/>: each is skipped with its own message and its own idea of transience.
/// </summary>
public sealed class ObjectFailuresTests
{
    private static readonly StoredObject Obj = new("t/a.csv", 10, DateTimeOffset.UnixEpoch, "e");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToSkipped_TextReadException_KeepsItsMessageAndItsTransience(bool transient)
    {
        var error = new TextReadException("CSV", "s3://bucket", Obj.Key, "line 3: too many fields", transient);

        var skipped = ObjectFailures.ToSkipped(error, Obj, "t");

        Assert.True(ObjectFailures.IsSkippable(error, CancellationToken.None));
        Assert.Equal("cannot read CSV object 't/a.csv' in 's3://bucket': line 3: too many fields", skipped.Reason);
        Assert.Equal(transient, skipped.Transient);
        Assert.Same(Obj, skipped.StoredObject);
    }

    [Theory]
    [InlineData(ParquetFailure.NotParquet, false)]
    [InlineData(ParquetFailure.Encrypted, false)]
    [InlineData(ParquetFailure.Corrupt, false)]
    [InlineData(ParquetFailure.Unsupported, false)]
    [InlineData(ParquetFailure.TimedOut, true)]
    [InlineData(ParquetFailure.Transient, true)]
    public void ToSkipped_ParquetReadException_IsTransientOnlyForTimedOutAndTransientFailures(ParquetFailure failure, bool transient)
    {
        var error = new ParquetReadException(failure, "/data", "t/a.parquet", "corrupt Parquet: bad page");

        var skipped = ObjectFailures.ToSkipped(error, Obj, "t");

        Assert.True(ObjectFailures.IsSkippable(error, CancellationToken.None));
        Assert.Equal("cannot read Parquet object 't/a.parquet' in '/data': corrupt Parquet: bad page", skipped.Reason);
        Assert.Equal(transient, skipped.Transient);
    }

    [Fact]
    public void ObjectReadException_EitherFormat_CarriesLocationKeyAndReasonAsDataFailure()
    {
        ObjectReadException[] errors =
        [
            new TextReadException("JSON Lines", "s3://bucket", "k.jsonl", "not valid UTF-8", transient: false),
            new ParquetReadException(ParquetFailure.Corrupt, "s3://bucket", "k.jsonl", "not valid UTF-8"),
        ];

        Assert.All(errors, e => Assert.Equal(
            ("s3://bucket", "k.jsonl", "not valid UTF-8", FailureKind.Data),
            (e.Location, e.Key, e.Reason, e.Kind)));
    }
}
