using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Spec;

/// <summary>
/// The schema GetSpecSchema returns, compiled by an independent draft 2020-12 validator (ajv, in the JS client), must
/// accept exactly the specs Init accepts: every case of <c>test/cases/spec-cases.json</c>.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class SpecSchemaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GetSpecSchema_CompiledByAjv_AgreesWithInitOnEverySharedCase()
    {
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["schema-check", SpecCases.FilePath], output, CancellationToken.None);

        var compile = Assert.Single(results, r => r.Text("check") == "schema-compile");
        Assert.True(compile.GetProperty("ok").GetBoolean(), $"ajv could not compile the schema: {compile}");
        var checks = results.Where(r => r.Text("check") == "schema").ToList();
        Assert.Equal(SpecCases.All.Select(c => c.Name), checks.Select(c => c.Text("case")));
        var disagreements = checks
            .Where(c => c.GetProperty("valid").GetBoolean() != c.GetProperty("expected").GetBoolean())
            .Select(c => $"{c.Text("case")}: Init says {(c.GetProperty("expected").GetBoolean() ? "valid" : "invalid")}, " +
                $"the schema says {(c.GetProperty("valid").GetBoolean() ? "valid" : "invalid")} {c.GetProperty("errors")}")
            .ToList();
        Assert.True(disagreements.Count == 0, "schema and Init disagree:\n" + string.Join('\n', disagreements));
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }
}
