namespace ClientReminders.Common;

/// <summary>New row ids: 32 lowercase hex digits of a random GUID, for clients, appointments, rules and the rest.</summary>
public static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");
}
