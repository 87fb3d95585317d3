using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClientReminders.Hosting;

/// <summary>
/// Secrets that travel in URLs (the Event Grid webhook's <c>?code=</c>) never reach a log: every logger the app creates,
/// ASP.NET Core's request logs included, rewrites <c>code=…</c> query values and the configured webhook secret as
/// <c>[redacted]</c>, in the message and in its structured values, whichever provider writes them.
/// </summary>
public static partial class LogRedaction
{
    public const string Redacted = "[redacted]";

    public static WebApplicationBuilder RedactSecretsInLogs(this WebApplicationBuilder builder)
    {
        var secrets = new[] { builder.Configuration["EventGrid:WebhookSecret"] }.OfType<string>().Where(s => s.Length >= 8).ToArray();
        var redactor = new SecretRedactor(secrets);
        builder.Services.Replace(
            ServiceDescriptor.Singleton<ILoggerFactory>(provider => new RedactingLoggerFactory(
                ActivatorUtilities.CreateInstance<LoggerFactory>(provider),
                redactor
            ))
        );
        return builder;
    }

    [GeneratedRegex(@"(?<=[?&](?:code|sig)=)[^&#\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();

    public sealed class SecretRedactor(IReadOnlyList<string> secrets)
    {
        public string? Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }
            var redacted = SecretQueryValue().Replace(text, Redacted);
            foreach (var secret in secrets)
            {
                redacted = redacted.Replace(secret, Redacted, StringComparison.Ordinal);
            }
            return redacted;
        }

        public bool Holds(string text) => SecretQueryValue().IsMatch(text) || secrets.Any(s => text.Contains(s, StringComparison.Ordinal));
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }
            var message = formatter(state, exception);
            var values = state as IEnumerable<KeyValuePair<string, object?>>;
            var leaks =
                redactor.Holds(message)
                || (exception is not null && redactor.Holds(exception.ToString()))
                || (values?.Any(pair => pair.Value?.ToString() is { } text && redactor.Holds(text)) ?? false);
            if (!leaks)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var redacted = new RedactedState(
                redactor.Redact(message)!,
                values
                    ?.Select(pair => new KeyValuePair<string, object?>(
                        pair.Key,
                        pair.Value is null or ValueType ? pair.Value : redactor.Redact(pair.Value.ToString())
                    ))
                    .ToList()
                    ?? []
            );
            // The exception's text can hold the secret too (a URL in a message), so only its type and redacted message go on.
            var safeException = exception is null ? null : new RedactedException(exception.GetType().FullName!, redactor.Redact(exception.Message)!);
            inner.Log(logLevel, eventId, redacted, safeException, static (s, _) => s.Message);
        }
    }

    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }

    private sealed class RedactedException(string type, string message) : Exception($"{type}: {message}");
}
