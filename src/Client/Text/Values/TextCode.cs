using System.Numerics;

namespace CqSourceS3.Client.Text;

/// <summary>
/// One character of text as the hand-written parsers see it, whether the text is UTF-16 characters (CSV fields) or
/// UTF-8 bytes (JSON tokens): its code, compared with ASCII literals, and its value as a decimal digit.
/// </summary>
internal static class TextCode
{
    /// <summary>The character's code (a byte of a multi-byte UTF-8 sequence is above ASCII, so it matches no literal).</summary>
    public static uint Code<TChar>(TChar c)
        where TChar : unmanaged, IBinaryInteger<TChar> => uint.CreateTruncating(c);

    /// <summary>Whether the character is an ASCII digit.</summary>
    public static bool IsDigit<TChar>(TChar c)
        where TChar : unmanaged, IBinaryInteger<TChar> => Code(c) - '0' <= 9;

    /// <summary>The value of an ASCII digit.</summary>
    public static int Digit<TChar>(TChar c)
        where TChar : unmanaged, IBinaryInteger<TChar> => (int)(Code(c) - '0');
}
