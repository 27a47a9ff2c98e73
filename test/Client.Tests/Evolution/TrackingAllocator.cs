using System.Buffers;
using Apache.Arrow.Memory;

namespace CqSourceS3.Client.Tests.Evolution;

/// <summary>
/// An allocator that counts live blocks and poisons a block when it is freed, so a test sees both a leak (blocks still
/// live after every owner is disposed) and a use after free (values read as the poison), and counts double frees.
/// </summary>
internal sealed class TrackingAllocator : MemoryAllocator
{
    public const byte Poison = 0xDD;

    private int _live;
    private int _doubleFrees;

    public int Live => _live;

    public int DoubleFrees => _doubleFrees;

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        bytesAllocated = length;
        Interlocked.Increment(ref _live);
        return new Block(this, length);
    }

    private sealed class Block(TrackingAllocator allocator, int length) : IMemoryOwner<byte>
    {
        private readonly byte[] _bytes = new byte[length];
        private bool _freed;

        public Memory<byte> Memory => _bytes;

        public void Dispose()
        {
            if (_freed)
            {
                Interlocked.Increment(ref allocator._doubleFrees);
                return;
            }

            _freed = true;
            _bytes.AsSpan().Fill(Poison);
            Interlocked.Decrement(ref allocator._live);
        }
    }
}
