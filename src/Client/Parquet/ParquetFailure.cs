namespace CqSourceS3.Client.Parquet;

/// <summary>Why a Parquet object could not be read, decided once in <see cref="ParquetFailureClassifier"/>.</summary>
public enum ParquetFailure
{
    /// <summary>The object is too small or does not start and end with the <c>PAR1</c> magic bytes.</summary>
    NotParquet,

    /// <summary>The object uses Parquet modular encryption (<c>PARE</c> footer, or encrypted column metadata).</summary>
    Encrypted,

    /// <summary>The decoder rejected the footer or the data pages.</summary>
    Corrupt,

    /// <summary>The file is valid but uses something this reader cannot convert.</summary>
    Unsupported,

    /// <summary>Decoding the object took longer than the per-object time limit and was abandoned.</summary>
    TimedOut,
}
