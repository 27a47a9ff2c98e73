namespace CqSourceS3.Naming;

/// <summary>
/// Whether folders named <c>name=value</c> (Hive-style partitions) are read as partitions. The spec
/// spells the values <c>auto</c>, <c>true</c> and <c>false</c>.
/// </summary>
/// <remarks>
/// For naming, <see cref="Auto"/> and <see cref="Enabled"/> are the same: a table is named by the
/// folders before its first partition folder (see <see cref="HivePath.TableSourceLength"/>), so the
/// partitions of one data set land in one table. Only <see cref="Disabled"/> names tables by the full
/// directory, as before partitions were recognized.
/// </remarks>
public enum HivePartitioning
{
    /// <summary>Spec value <c>auto</c>: recognize partition folders where they occur (the default).</summary>
    Auto,

    /// <summary>Spec value <c>true</c>: partition folders are expected.</summary>
    Enabled,

    /// <summary>Spec value <c>false</c>: <c>name=value</c> folders are ordinary folders.</summary>
    Disabled,
}
