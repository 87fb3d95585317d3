namespace ClientReminders.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds ClientReminders.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClientReminders.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains ClientReminders.sln.");
    }
}
