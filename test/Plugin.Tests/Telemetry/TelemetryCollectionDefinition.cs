namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>
/// Telemetry tests run alone, after every parallel collection: a tracer or meter provider listens to every span and
/// measurement of the process, so another test's sync running meanwhile would add to the totals they check.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollectionDefinition
{
    /// <summary>The collection name test classes refer to.</summary>
    public const string Name = "telemetry export (runs alone)";
}
