using System.Globalization;
using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Services;

/// <summary>Init through CloudQuery's JS client: a good spec is accepted, every invalid shared case is rejected as the Go SDK would.</summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class InitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Init_LocalFolderSpec_Succeeds()
    {
        using var folder = new TempFolder();
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["init", Specs.LocalPath(folder.Path)], output, CancellationToken.None);

        results.SucceededOnce("Init");
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task Init_EveryInvalidSharedCase_FailsInternalNamingEachFieldInOrder()
    {
        var invalid = SpecCases.All.Where(c => !c.Valid).ToList();
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, invalid.SelectMany(c => new[] { "init", c.SpecJson }), output, CancellationToken.None);

        var inits = results.OfRpc("Init");
        Assert.Equal(invalid.Count, inits.Count);
        var problems = new List<string>();
        foreach (var (@case, result) in invalid.Zip(inits))
        {
            if (result.GetProperty("ok").GetBoolean())
            {
                problems.Add($"{@case.Name}: Init accepted {@case.SpecJson}");
                continue;
            }

            var status = result.Text("status");
            var details = result.Text("details");
            if (status != "INTERNAL" || !details.StartsWith("failed to init plugin: invalid spec", StringComparison.Ordinal))
            {
                problems.Add($"{@case.Name}: expected INTERNAL \"failed to init plugin: invalid spec…\", got {status} \"{details}\"");
            }

            var positions = @case.ErrorFields.Where(f => f.Length > 0).Select(f => (Field: f, At: details.IndexOf(f + ": ", StringComparison.Ordinal))).ToList();
            problems.AddRange(positions.Where(p => p.At < 0).Select(p => $"{@case.Name}: the message does not name {p.Field}: \"{details}\""));
            var found = positions.Where(p => p.At >= 0).ToList();
            if (!found.Select(p => p.At).SequenceEqual(found.Select(p => p.At).Order()))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{@case.Name}: fields named out of order (want {string.Join(", ", @case.ErrorFields)}): \"{details}\""));
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }
}
