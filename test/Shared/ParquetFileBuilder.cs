using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Writes small Parquet files from Arrow record batches with ParquetSharp's Arrow writer, so tests build their
/// fixtures instead of committing them. The batches stay owned by the caller.
/// </summary>
public sealed class ParquetFileBuilder
{
    private readonly Schema _schema;
    private readonly List<RecordBatch> _batches = [];

    public ParquetFileBuilder(Schema schema)
    {
        _schema = schema ?? throw new ArgumentNullException(nameof(schema));
    }

    /// <summary>Most rows per row group; each added batch starts a new row group.</summary>
    public long RowGroupRows { get; init; } = 64 * 1024;

    /// <summary>Page compression codec.</summary>
    public Compression Compression { get; init; } = Compression.Snappy;

    /// <summary>Whether the writer may dictionary-encode pages (it falls back to plain when a dictionary grows large).</summary>
    public bool DictionaryEncoding { get; init; } = true;

    /// <summary>
    /// Whether the Arrow schema is stored in the file's metadata (<c>ARROW:schema</c>); needed to read a dictionary
    /// column back as a dictionary.
    /// </summary>
    public bool StoreArrowSchema { get; init; } = true;

    /// <summary>Adds a batch with the builder's schema.</summary>
    public ParquetFileBuilder Add(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _batches.Add(batch);
        return this;
    }

    /// <summary>The file as bytes.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the file to <paramref name="path"/>, creating its folder.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        WriteTo(file);
    }

    /// <summary>Writes the file to <paramref name="output"/>, which stays open.</summary>
    public void WriteTo(Stream output)
    {
        using var propertiesBuilder = new WriterPropertiesBuilder().Compression(Compression);
        if (!DictionaryEncoding)
        {
            propertiesBuilder.DisableDictionary();
        }

        using var properties = propertiesBuilder.Build();
        using var arrowBuilder = new ArrowWriterPropertiesBuilder();
        if (StoreArrowSchema)
        {
            arrowBuilder.StoreSchema();
        }

        using var arrowProperties = arrowBuilder.Build();
        using var writer = new FileWriter(output, _schema, properties, arrowProperties, leaveOpen: true);
        foreach (var batch in _batches)
        {
            writer.WriteRecordBatch(batch, RowGroupRows);
        }

        writer.Close();
    }
}
