using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;

namespace ClientReminders.AzureClients.Tables;

// Public settable properties of a POCO entity, reflected once per type.
internal static class EntityProperties
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

    private static readonly HashSet<Type> SupportedTypes =
    [
        typeof(string), typeof(int), typeof(long), typeof(bool), typeof(double), typeof(DateTimeOffset),
        typeof(DateTime), typeof(Guid), typeof(byte[]), typeof(BinaryData),
    ];

    public static PropertyInfo[] For(Type type) => Cache.GetOrAdd(type, Reflect);

    private static PropertyInfo[] Reflect(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property is { CanRead: true, CanWrite: true }
            && property.GetIndexParameters().Length == 0
            && property.SetMethod!.IsPublic
            && property.GetCustomAttribute<IgnoreDataMemberAttribute>() is null
            && property.Name is not (nameof(ITableEntity.ETag)))
        .Select(property => IsSupported(property.PropertyType)
            ? property
            : throw new NotSupportedException(
                $"{type.Name}.{property.Name} has type {property.PropertyType.Name}, which table entities cannot store; mark it [IgnoreDataMember]."))
        .ToArray();

    private static bool IsSupported(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return SupportedTypes.Contains(underlying) || underlying.IsEnum;
    }
}
