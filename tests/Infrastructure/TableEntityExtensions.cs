using Azure.Core;

namespace ClientReminders.Tests.Infrastructure;

internal static class TableEntityExtensions
{
    /// <summary>Every value a stored row holds (the SDK's entity implements its dictionary explicitly).</summary>
    public static ICollection<object> StoredValues(this TableEntity entity) => ((IDictionary<string, object>)entity).Values;

    public static T WithoutRetries<T>(this T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 0;
        return options;
    }
}
