namespace ClientReminders.Common;

/// <summary>
/// The dates the API takes, so no date arithmetic meets the ends of the calendar (years 1 and 9999): list filters and page
/// cursors from <see cref="FiltersBack"/> before today to <see cref="FiltersAhead"/> after it; an appointment's start from a year
/// back to five years ahead, and its end within a week of its start.
/// </summary>
public static class DateWindow
{
    public const int FiltersBack = 2;
    public const int FiltersAhead = 6;
    public const int AppointmentsBack = 1;
    public const int AppointmentsAhead = 5;
    public static readonly TimeSpan LongestAppointment = TimeSpan.FromDays(7);

    public static bool FilterAllows(DateOnly day, DateOnly today) => day >= today.AddYears(-FiltersBack) && day <= today.AddYears(FiltersAhead);

    public static string FilterProblem(DateOnly today) =>
        $"Use a date from {today.AddYears(-FiltersBack):yyyy-MM-dd} to {today.AddYears(FiltersAhead):yyyy-MM-dd}.";

    public static bool AppointmentAllows(DateTime localStart, DateOnly today) =>
        DateOnly.FromDateTime(localStart) >= today.AddYears(-AppointmentsBack) && DateOnly.FromDateTime(localStart) <= today.AddYears(AppointmentsAhead);

    public static string AppointmentProblem(DateOnly today) =>
        $"Choose a start from {today.AddYears(-AppointmentsBack):d MMMM yyyy} to {today.AddYears(AppointmentsAhead):d MMMM yyyy}.";
}
