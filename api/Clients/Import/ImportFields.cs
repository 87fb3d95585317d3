namespace ClientReminders.Clients.Import;

/// <summary>The raw name, mobile and email of one row, not yet normalised or validated; a missing cell is empty.</summary>
public sealed record ImportFields(string Name, string Mobile, string Email);
