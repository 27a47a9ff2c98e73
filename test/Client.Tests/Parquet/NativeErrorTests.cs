using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class NativeErrorTests
{
    [Theory]
    [InlineData("N7parquet16ParquetExceptionE", "parquet::ParquetException")]
    [InlineData("N7parquet22ParquetStatusExceptionE", "parquet::ParquetStatusException")]
    [InlineData("N7parquet38ParquetInvalidOrCorruptedFileExceptionE", "parquet::ParquetInvalidOrCorruptedFileException")]
    [InlineData("St12system_error", "std::system_error")]
    [InlineData("St9bad_alloc", "std::bad_alloc")]
    [InlineData("NSt3__112system_errorE", "std::__1::system_error")]
    [InlineData("class parquet::ParquetException", "parquet::ParquetException")]
    [InlineData("unknown", "unknown")]
    [InlineData("N7parquet99E", "N7parquet99E")]
    public void Demangle_TypeNames_GiveTheCxxName(string mangled, string expected) =>
        Assert.Equal(expected, NativeError.Demangle(mangled));

    [Theory]
    [InlineData("N7parquet22ParquetStatusExceptionE (message: 'IOError: Unexpected end of stream')", "parquet::ParquetStatusException", "IOError", "Unexpected end of stream")]
    [InlineData("St12system_error (message: 'Resource temporarily unavailable')", "std::system_error", null, "Resource temporarily unavailable")]
    [InlineData("Out of memory: malloc of size 64 failed", null, "Out of memory", "malloc of size 64 failed")]
    [InlineData("Invalid: Map keys must be annotated as required.", null, "Invalid", "Map keys must be annotated as required.")]
    [InlineData("something else entirely", null, null, "something else entirely")]
    public void Parse_BothShapes_SplitsTypeStatusAndDetail(string message, string? type, string? status, string detail) =>
        Assert.Equal(new NativeError(type, status, detail), NativeError.Parse(message));
}
