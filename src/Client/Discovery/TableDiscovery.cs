using System.Collections.Concurrent;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Tables;
using CqSourceS3.Client.Telemetry;
using CqSourceS3.Naming;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// Lists the bucket (or folder) under <c>path_prefix</c> (or the longer prefix every <c>include</c> glob starts with),
/// keeps the keys the <see cref="DiscoveryRules"/> select, groups them into tables (key folders, hive partition
/// folders, <c>table_rules</c>), reads every footer (explicit byte ranges only: never the object's data) and checks that the files of each
/// table agree on a schema. A table whose files disagree fails as a whole, naming two files and the columns;
/// other tables are unaffected; so does a table whose objects disagree on their partition folders. With a <see cref="FooterCache"/>, footers of objects unchanged since they were
/// last read are taken from it instead.
/// </summary>
internal sealed class TableDiscovery(IObjectStore store, ParquetReadOptions readOptions, int concurrency, ILogger logger, FooterCache? cache = null, DiscoveryRules? rules = null)
{
    private readonly DiscoveryRules _rules = rules ?? DiscoveryRules.Default;
    private readonly ObjectFormatReader _formats = new(readOptions, (rules ?? DiscoveryRules.Default).Text);

    public Task<DiscoveryResult> DiscoverAsync(string prefix, CancellationToken cancellationToken) =>
        SyncTelemetry.TraceAsync(SyncTelemetry.DiscoverySpan, async span =>
        {
            var result = await ListAndReadAsync(prefix, cancellationToken).ConfigureAwait(false);
            span?.SetTag(SyncAttributes.DiscoveredTables, result.Tables.Count);
            span?.SetTag(SyncAttributes.DiscoveredObjects, result.Tables.Sum(t => t.Files.Count));
            span?.SetTag(SyncAttributes.DiscoverySkipped, result.Skipped.Count);
            span?.SetTag(SyncAttributes.DiscoveryIgnored, result.Ignored.Total);
            return result;
        });

    private async Task<DiscoveryResult> ListAndReadAsync(string prefix, CancellationToken cancellationToken)
    {
        var preload = cache?.PreloadAsync() ?? Task.CompletedTask;
        var objects = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        var ignored = new int[Enum.GetValues<IgnoreReason>().Length];
        await foreach (var obj in store.ListAsync(_rules.Selection.ListingPrefix(prefix), cancellationToken).ConfigureAwait(false))
        {
            if (_rules.Selection.Ignore(obj.Key) is { } reason)
            {
                ignored[(int)reason]++;
                ClientLog.IgnoredObject(logger, obj.Key, reason);
            }
            else
            {
                objects[obj.Key] = obj;
            }
        }

        await preload.ConfigureAwait(false);
        var grouping = TableNameResolver.Group(objects.Keys, _rules.Layout);
        var (footers, skipped) = await ReadFootersAsync(grouping, objects, cancellationToken).ConfigureAwait(false);
        cache?.Commit(objects.Keys);

        var tables = new List<DiscoveredTable>();
        var policySkipped = new List<SkippedObject>();
        foreach (var (name, keys) in grouping.Tables)
        {
            var files = keys.Where(footers.ContainsKey).Select(k => footers[k]).OrderBy(f => f.StoredObject.Key, StringComparer.Ordinal).ToList();
            tables.Add(Check(name, files, _rules, skipped, policySkipped));
        }

        foreach (var skip in policySkipped)
        {
            ClientLog.ObjectSkipped(logger, skip.Table, skip.Key, skip.Reason);
        }

        skipped = [.. skipped.Concat(policySkipped).OrderBy(s => s.Key, StringComparer.Ordinal)];

        foreach (var collision in grouping.Collisions)
        {
            tables.Add(new DiscoveredTable(collision.TableName, [], collision.Message));
        }

        tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var table in tables)
        {
            if (table.Error is null)
            {
                ClientLog.TableDiscovered(logger, table.Name, table.Files.Count, table.Bytes, table.Rows);
            }
            else
            {
                ClientLog.TableFailed(logger, table.Name, table.Error);
            }
        }

        return new DiscoveryResult(tables, skipped, IgnoredObjects.FromCounts(ignored) with { Extensions = ObjectExtension.Describe(_rules.Selection.Formats) }) { Location = store.Location, Prefix = prefix };
    }

    private async Task<(Dictionary<string, ObjectFileInfo> Footers, List<SkippedObject> Skipped)> ReadFootersAsync(
        TableGrouping grouping, Dictionary<string, StoredObject> objects, CancellationToken cancellationToken)
    {
        var footers = new ConcurrentDictionary<string, ObjectFileInfo>(StringComparer.Ordinal);
        var skipped = new ConcurrentBag<SkippedObject>();
        var toRead = new List<(string Table, StoredObject Object)>();
        foreach (var (table, keys) in grouping.Tables)
        {
            foreach (var obj in keys.Select(key => objects[key]))
            {
                // Cache hits are taken here, in one pass: on a repeated discovery that is every object, and scheduling
                // each through the parallel loop below cost more than the lookups themselves.
                if (cache is not null && cache.TryGet(obj, out var known) && _formats.IsCurrent(known))
                {
                    footers[obj.Key] = known;
                }
                else
                {
                    toRead.Add((table, obj));
                }
            }
        }

        var cached = footers.Count;
        await Parallel.ForEachAsync(toRead, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (item, token) =>
        {
            try
            {
                var info = await _formats.DescribeAsync(store, item.Object, token).ConfigureAwait(false);
                footers[item.Object.Key] = info;
                cache?.Put(info);
            }
            catch (Exception e) when (ObjectFailures.IsSkippable(e, token))
            {
                var skip = ObjectFailures.ToSkipped(e, item.Object, item.Table);
                ClientLog.ObjectSkipped(logger, skip.Table, skip.Key, skip.Reason);
                skipped.Add(skip);
            }
        }).ConfigureAwait(false);
        if (cache is not null)
        {
            ClientLog.FootersRead(logger, footers.Count - cached, cached);
        }

        return (new Dictionary<string, ObjectFileInfo>(footers, StringComparer.Ordinal), [.. skipped.OrderBy(s => s.Key, StringComparer.Ordinal)]);
    }

    /// <summary>A table reads one format: its objects' schemas are compared as that format's, and its readers agree on types.</summary>
    private static string? MixedFormats(string name, List<ObjectFileInfo> files)
    {
        var first = files[0];
        var other = files.Find(f => FormatOf(f) != FormatOf(first));
        return other is null ? null
            : $"table \"{name}\": its objects are of two formats: '{first.StoredObject.Key}' is {Describe(FormatOf(first))} and '{other.StoredObject.Key}' is {Describe(FormatOf(other))}; a table reads one format (move one kind to another folder, or narrow include/exclude or filetype)";
    }

    private static ObjectFormats FormatOf(ObjectFileInfo file) => file.Text?.Format ?? ObjectFormats.Parquet;

    private static string Describe(ObjectFormats format) => format switch
    {
        ObjectFormats.Csv => "CSV",
        ObjectFormats.JsonLines => "JSON Lines",
        _ => "Parquet",
    };

    private static DiscoveredTable Check(string name, List<ObjectFileInfo> files, DiscoveryRules rules, List<SkippedObject> unreadable, List<SkippedObject> policySkipped)
    {
        if (files.Count == 0)
        {
            // The first failure is named here too: under error_policy fail this is the table's whole error message.
            var own = unreadable.Where(s => s.Table == name).ToList();
            return new DiscoveredTable(name, files, own.Count == 0
                ? $"table \"{name}\": none of its objects could be read"
                : $"table \"{name}\": none of its objects could be read ({own.Count} skipped; the first: {own[0].Reason})");
        }

        if (MixedFormats(name, files) is { } mixed)
        {
            return new DiscoveredTable(name, files, mixed);
        }

        // Empty and header-only text objects have no values to type their columns by (all would be utf8): they take no
        // part in the schema check, and take the table's schema, which they trivially fit with no rows.
        var empty = files.Where(f => f.IsKnownEmpty).ToList();
        var inferred = empty.Count == files.Count ? files : [.. files.Where(f => !f.IsKnownEmpty)];
        var widensText = FormatOf(files[0]) != ObjectFormats.Parquet && rules.SchemaPolicy == SchemaPolicies.UnionByName;
        var shaped = widensText ? TextColumnWidening.Apply(inferred) : inferred;
        var check = TableSchemaCheck.Of(name, shaped, rules.SchemaPolicy);
        policySkipped.AddRange(check.Skipped);
        if (check.Error is not null)
        {
            return new DiscoveredTable(name, files, check.Error);
        }

        files = empty.Count == 0 || empty.Count == files.Count ? [.. check.Files]
            : [.. check.Files.Concat(empty.Select(f => f with { Schema = check.Schema! })).OrderBy(f => f.StoredObject.Key, StringComparer.Ordinal)];
        var partitions = PartitionLayout.Of(name, files, rules, out var partitionError);
        if (partitionError is not null)
        {
            return new DiscoveredTable(name, files, partitionError);
        }

        try
        {
            return new DiscoveredTable(name, files, null)
            {
                Table = CqTableSchema.Create(name, check.Schema!, rules.AppendedColumns(partitions)),
                Partitions = partitions,
                Evolution = widensText ? TextColumnWidening.WithTypesBeforeWidening(check.Columns, inferred, check.Schema!) : check.Columns,
                TypedAsInferred = widensText ? inferred : [],
            };
        }
        catch (CqSchemaException e)
        {
            return new DiscoveredTable(name, files, $"table \"{name}\": {e.Message}");
        }
    }
}
