using System.CommandLine;
using System.Text;
using CqSourceS3.Client.Spec;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// What every command that reads a config takes: the <c>CONFIG</c> argument and <c>--source NAME</c>, and the one way
/// they become a config and a validated spec. A new config option is added here, so every such command gets it.
/// </summary>
internal sealed class ConfigInput
{
    /// <summary>The exit code of a config that cannot be used.</summary>
    public const int UnusableConfigExitCode = CommandFailure.ConfigurationExitCode;

    public Argument<FileInfo> Config { get; } = new("config") { Description = "A CloudQuery config file (YAML) with a kind: source document" };

    public Option<string?> Source { get; } = new("--source")
    {
        Description = "The source to use (its spec.name) when the config has several kind: source documents",
        HelpName = "NAME",
    };

    /// <summary>Adds the argument and the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Config);
        command.Options.Add(Source);
    }

    /// <summary>
    /// Makes <paramref name="run"/> the action of <paramref name="command"/>: it runs with the loaded config and spec,
    /// or the command exits with <see cref="UnusableConfigExitCode"/> after one line saying why the config is unusable;
    /// a failure of the run is reported by <see cref="CommandFailure"/>.
    /// </summary>
    public void SetAction(
        Command command, Func<(SourceConfig Config, SourceSpec Spec), ParseResult, InvocationConfiguration, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var console = result.InvocationConfiguration;
            if (await LoadAsync(result, console.Error).ConfigureAwait(false) is not { } loaded)
            {
                return UnusableConfigExitCode;
            }

            try
            {
                return await run(loaded, result, console, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return CommandFailure.Report(command.Name, e, console.Error);
            }
        });
    }

    /// <summary>
    /// The config and its spec, or null after writing why not to <paramref name="error"/> (one line naming the file;
    /// the caller exits with <see cref="UnusableConfigExitCode"/>).
    /// </summary>
    public async Task<(SourceConfig Config, SourceSpec Spec)?> LoadAsync(ParseResult result, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(error);
        // As the user typed it: relative paths read from the working directory and read back as they were written.
        var path = result.GetValue(Config)!.ToString();
        try
        {
            var config = SourceConfig.Load(path, result.GetValue(Source));
            return (config, SpecReader.Read(Encoding.UTF8.GetBytes(config.SpecJson)));
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
        }
        catch (SpecException e)
        {
            await error.WriteLineAsync($"{path}: {e.Message}").ConfigureAwait(false);
        }

        return null;
    }
}
