using YamlDotNet.Core;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// A YAML stream refused by <see cref="BoundedYamlParser"/> (too large once its aliases are expanded, too deep, or an
/// alias cycle). A <see cref="YamlException"/>, so it is reported like a syntax error: with its line and column.
/// </summary>
internal sealed class YamlLimitException(Mark start, Mark end, string message) : YamlException(start, end, message);
