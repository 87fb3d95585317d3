using System.Text.RegularExpressions;

namespace ClientReminders.Triggers;

public abstract record FunctionTrigger;

public sealed record TimerTrigger(NCrontabSchedule Schedule, string BindingName, bool RunOnStartup) : FunctionTrigger;

public sealed record QueueTrigger(string QueueName, string BindingName) : FunctionTrigger;

public sealed record HttpTrigger(string? Route) : FunctionTrigger;

public sealed record FunctionDefinition(string Name, FunctionTrigger Trigger, string Source);

/// <summary>The functions declared by <c>functions/&lt;Name&gt;/function.json</c> files: the single source of truth for schedules and queue names.</summary>
public sealed partial class FunctionCatalog(IReadOnlyList<FunctionDefinition> functions)
{
    public IReadOnlyList<FunctionDefinition> Functions { get; } = functions;

    public IEnumerable<(FunctionDefinition Function, TimerTrigger Trigger)> Timers =>
        Functions.Where(f => f.Trigger is TimerTrigger).Select(f => (f, (TimerTrigger)f.Trigger));

    public IEnumerable<(FunctionDefinition Function, QueueTrigger Trigger)> Queues =>
        Functions.Where(f => f.Trigger is QueueTrigger).Select(f => (f, (QueueTrigger)f.Trigger));

    /// <param name="setting">Resolves <c>%Name%</c> binding expressions from app settings, as the Functions host does.</param>
    public static FunctionCatalog Load(IEnumerable<string> functionRoots, Func<string, string?> setting)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var root in functionRoots.Where(Directory.Exists))
        {
            // As the host does: one folder per function directly under the root.
            foreach (
                var file in Directory.EnumerateDirectories(root).Select(d => Path.Combine(d, "function.json")).Where(File.Exists).Order(StringComparer.Ordinal)
            )
            {
                var name = Path.GetFileName(Path.GetDirectoryName(file)!);
                functions.Add(new FunctionDefinition(name, ReadTrigger(file, setting), file));
            }
        }
        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new FunctionCatalog(functions)
            : throw new InvalidOperationException($"Function '{duplicate.Key}' is declared twice: {string.Join(", ", duplicate.Select(f => f.Source))}.");
    }

    private static FunctionTrigger ReadTrigger(string file, Func<string, string?> setting)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var triggers = document
            .RootElement.GetProperty("bindings")
            .EnumerateArray()
            .Where(b => b.GetProperty("type").GetString()?.EndsWith("Trigger", StringComparison.Ordinal) == true)
            .ToList();
        if (triggers is not [var binding])
        {
            throw new InvalidOperationException($"{file} must declare exactly one trigger binding; it declares {triggers.Count}.");
        }
        var type = binding.GetProperty("type").GetString();
        return type switch
        {
            "timerTrigger" => new TimerTrigger(
                NCrontabSchedule.Parse(Resolve(Required(binding, "schedule", file), setting, file)),
                Required(binding, "name", file),
                binding.TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean()
            ),
            "queueTrigger" => new QueueTrigger(Resolve(Required(binding, "queueName", file), setting, file), Required(binding, "name", file)),
            "httpTrigger" => new HttpTrigger(binding.TryGetProperty("route", out var route) ? route.GetString() : null),
            _ => throw new InvalidOperationException($"{file} uses the trigger type '{type}', which this app does not handle."),
        };
    }

    private static string Required(JsonElement binding, string property, string file) =>
        binding.TryGetProperty(property, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"{file} is missing '{property}' on its trigger binding.");

    private static string Resolve(string value, Func<string, string?> setting, string file) =>
        BindingExpression()
            .Replace(value, match =>
                setting(match.Groups[1].Value) is { Length: > 0 } resolved
                    ? resolved
                    : throw new InvalidOperationException($"{file} refers to the app setting '{match.Groups[1].Value}', which is not set.")
            );

    [GeneratedRegex("%([A-Za-z0-9_:.]+)%")]
    private static partial Regex BindingExpression();
}
