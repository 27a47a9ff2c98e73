using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Arrow's eight integer types as (signed, bits) and back: the union widens integers by these two numbers, and the
/// cast checks the same rule, so both read them here.
/// </summary>
internal static class IntegerTypes
{
    /// <summary>The sign and width of an integer type; null for any other type.</summary>
    public static (bool Signed, int Bits)? Of(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int8 => (true, 8),
        ArrowTypeId.Int16 => (true, 16),
        ArrowTypeId.Int32 => (true, 32),
        ArrowTypeId.Int64 => (true, 64),
        ArrowTypeId.UInt8 => (false, 8),
        ArrowTypeId.UInt16 => (false, 16),
        ArrowTypeId.UInt32 => (false, 32),
        ArrowTypeId.UInt64 => (false, 64),
        _ => null,
    };

    /// <summary>The integer type of that sign and width (64 bits for any width above 32).</summary>
    public static IArrowType Of(bool signed, int bits) => (signed, bits) switch
    {
        (true, 8) => Int8Type.Default,
        (true, 16) => Int16Type.Default,
        (true, 32) => Int32Type.Default,
        (true, _) => Int64Type.Default,
        (false, 8) => UInt8Type.Default,
        (false, 16) => UInt16Type.Default,
        (false, 32) => UInt32Type.Default,
        (false, _) => UInt64Type.Default,
    };
}
