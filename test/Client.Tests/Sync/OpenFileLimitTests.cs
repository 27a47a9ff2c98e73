using CqSourceS3.Client.Sync;

namespace CqSourceS3.Client.Tests.Sync;

public sealed class OpenFileLimitTests
{
    [Theory]
    // (requested, soft limit, open now) → concurrency: two descriptors per object, 32 kept free.
    [InlineData(256, 1024L, 100, 256)]
    [InlineData(256, 128L, 40, 28)]
    [InlineData(256, 128L, 96, 1)]
    [InlineData(256, 128L, 200, 1)]
    [InlineData(50, 1_048_576L, 90, 50)]
    [InlineData(8, null, 5000, 8)]
    public void Cap_RequestedAgainstTheLimit_FitsTheFreeDescriptors(int requested, long? limit, int open, int expected) =>
        Assert.Equal(expected, OpenFileLimit.Cap(requested, limit, open));

    [Fact]
    public void SoftLimitAndOpenDescriptors_OnLinux_AreRead()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // /proc/self/limits is the kernel's own account of the same limit.
        var line = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];

        Assert.Equal(soft == "unlimited" ? null : long.Parse(soft, System.Globalization.CultureInfo.InvariantCulture), OpenFileLimit.SoftLimit());
        Assert.InRange(OpenFileLimit.OpenDescriptors(), 3, 1_000_000);
    }
}
