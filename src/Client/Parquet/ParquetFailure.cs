namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Why a Parquet object could not be read, decided once in <see cref="ParquetFailureClassifier"/>. The first four
/// rest on evidence from the object's bytes, so an incremental cursor may pass the object (it is read again once
/// rewritten); <see cref="TimedOut"/> and <see cref="Transient"/> do not, so the object is read again next run.
/// </summary>
public enum ParquetFailure
{
    /// <summary>The object is too small or does not start and end with the <c>PAR1</c> magic bytes.</summary>
    NotParquet,

    /// <summary>The object uses Parquet modular encryption (<c>PARE</c> footer, or encrypted column metadata).</summary>
    Encrypted,

    /// <summary>The decoder rejected the footer or the data pages it was given in full: the bytes are bad.</summary>
    Corrupt,

    /// <summary>The file is valid but uses something this reader cannot convert.</summary>
    Unsupported,

    /// <summary>Decoding the object took longer than the per-object time limit and was abandoned.</summary>
    TimedOut,

    /// <summary>
    /// Reading failed for a reason that says nothing about the object's bytes: memory, threads or open files ran
    /// out, permission was denied, an I/O error of this machine or the network, an error of unknown kind.
    /// </summary>
    Transient,
}
