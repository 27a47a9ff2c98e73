namespace CqSourceS3.Bench.Measure;

/// <summary>
/// What a process has used so far, as <see cref="ProcessProbe"/> reads it: CPU seconds, bytes read (<c>rchar</c>) and
/// minor page faults. A scenario takes one before its span and one after it; <see cref="Since"/> gives what the span
/// used. A figure that could not be read is null, and so is its difference.
/// </summary>
internal readonly record struct ProcessCounters(double? CpuSeconds, long? ReadCharacters, long? MinorFaults)
{
    public static ProcessCounters Of(int pid) => new(ProcessProbe.CpuSeconds(pid), ProcessProbe.ReadCharacters(pid), ProcessProbe.MinorFaults(pid));

    /// <summary>What was used between <paramref name="before"/> and this reading.</summary>
    public ProcessCounters Since(ProcessCounters before) =>
        new(CpuSeconds - before.CpuSeconds, ReadCharacters - before.ReadCharacters, MinorFaults - before.MinorFaults);
}
