using CqSourceS3.Client.State;
using CqSourceS3.Plugin.State;
using CqSourceS3.Protocol.Plugin.V3;

namespace CqSourceS3.Plugin.Tests.State;

public sealed class StateBackendOptionsTests
{
    [Fact]
    public void From_NullOrBothEmpty_IsNoBackend()
    {
        Assert.Null(StateBackendOptions.From(null));
        Assert.Null(StateBackendOptions.From(new Sync.Types.BackendOptions()));
    }

    [Fact]
    public void From_BothSet_KeepsThem()
    {
        var options = StateBackendOptions.From(new Sync.Types.BackendOptions { Connection = "unix:///tmp/cq.sock", TableName = "cq_state" });

        Assert.Equal(new StateBackendOptions("unix:///tmp/cq.sock", "cq_state"), options);
        Assert.Equal("state backend \"unix:///tmp/cq.sock\" (state table \"cq_state\")", options!.ToString());
    }

    [Theory]
    [InlineData("localhost:7777", "")]
    [InlineData("", "cq_state")]
    public void From_OnlyOneSet_ThrowsTheGoSdkMessage(string connection, string tableName)
    {
        var error = Assert.Throws<StateStoreException>(() =>
            StateBackendOptions.From(new Sync.Types.BackendOptions { Connection = connection, TableName = tableName }));

        Assert.Equal($"backend_options must contain both connection and table_name (got connection \"{connection}\", table_name \"{tableName}\")", error.Message);
        Assert.Equal(connection, error.Connection);
        Assert.Equal(tableName, error.TableName);
    }
}
