using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Protocol.Plugin.V3;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>
/// A Sync DeleteRecord as a destination reads it: the table, and its single predicate (AND group of one) with the
/// compared value decoded from the predicate's Arrow IPC record, which must hold exactly one row and one column
/// named like the predicate's column.
/// </summary>
internal sealed record DecodedDelete(string Table, string Column, Predicate.Types.Operator Operator, string Value)
{
    public static DecodedDelete Of(Sync.Types.MessageDeleteRecord message)
    {
        var group = Assert.Single(message.WhereClause);
        Assert.Equal(PredicatesGroup.Types.GroupingType.And, group.GroupingType);
        Assert.Empty(message.TableRelations);
        var predicate = Assert.Single(group.Predicates);
        var batch = Assert.Single(ArrowIpc.DecodeBatches(predicate.Record.Memory));
        using (batch)
        {
            Assert.Equal(1, batch.Length);
            var field = Assert.Single(batch.Schema.FieldsList);
            Assert.Equal(predicate.Column, field.Name);
            return new DecodedDelete(message.TableName, predicate.Column, predicate.Operator, ((StringArray)batch.Column(0)).GetString(0));
        }
    }
}
