using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Logging;

/// <summary>Routes every ILogger of the process to <see cref="LogLineWriter"/>, the only thing that writes to stdout.</summary>
internal sealed class CqLoggerProvider(LogLineWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CqLogger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class CqLogger(LogLineWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var fields = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                ? [.. pairs.Where(p => p.Key != "{OriginalFormat}")]
                : Array.Empty<KeyValuePair<string, object?>>();
            writer.Write(logLevel, category, formatter(state, exception), fields, exception);
        }
    }
}
