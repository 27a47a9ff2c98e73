using System.Runtime.InteropServices;
using ParquetSharp.IO;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Our ranged stream as the native decoder's input file, kept alive until the native side itself is done with it.
/// </summary>
/// <remarks>
/// The native reader does not hold the only reference to its input. With pre-buffering, Arrow's IO threads read
/// column chunks through <c>RandomAccessFile::ReadAsync</c>, and each such task holds its own reference to the
/// native file until the task object is destroyed, which can happen after the reader and every handle of ours are
/// gone (measured: some small files were still open when the last handle was released, and were closed later on
/// another thread; bench/RESULTS.md, "Figures cited by the code"). The native file's destructor then calls <c>Close</c> through a managed delegate. ParquetSharp keeps its
/// <see cref="ManagedRandomAccessFile"/> (which owns the delegates) reachable only until its own handle is freed,
/// so a garbage collection in that window left the native side calling a collected delegate: the process died with
/// "A callback was made on a garbage collected delegate", an access violation or a NullReferenceException on a
/// native thread (ParquetSharp issues #312, #432).
/// <para>
/// So the managed file is rooted by a <see cref="GCHandle"/> from creation until the native destructor's
/// <c>Close</c> reaches the stream, which is the last call the native side ever makes (Parquet never closes its
/// source itself). The stream is handed over with <c>leaveOpen: false</c> for exactly that signal, and nothing of
/// ours disposes it: a late pre-buffer read from an IO thread still finds it intact (and fails fast once the read is
/// cancelled).
/// </para>
/// </remarks>
internal sealed class NativeInputFile : IDisposable
{
    private GCHandle _root;
    private int _released;

    public NativeInputFile(RangedObjectStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream = stream;
        File = new ManagedRandomAccessFile(stream, leaveOpen: false);
        _root = GCHandle.Alloc(File);
        stream.Closed += Release;
    }

    /// <summary>The stream the native reader reads through.</summary>
    public RangedObjectStream Stream { get; }

    /// <summary>The file to give the native reader; it takes its own reference.</summary>
    public ManagedRandomAccessFile File { get; }

    /// <summary>True once the native side closed the file: no callback can follow.</summary>
    public bool IsReleased => Volatile.Read(ref _released) == 1;

    /// <summary>
    /// Drops our native reference. Call after the reader is disposed; the native file is destroyed now or when
    /// the last IO task lets go of it, and only then is the managed file unrooted.
    /// </summary>
    public void Dispose() => File.Dispose();

    private void Release(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _root.Free();
        }
    }
}
