namespace ClientReminders.Reminders;

public static class RemindersApi
{
    public static RouteGroupBuilder MapReminders(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        var rules = api.MapGroup("/rules");
        rules.MapGet("/", ListRules);
        rules.MapPost("/", CreateRule);
        rules.MapPut("/{id}", UpdateRule);
        rules.MapDelete("/{id}", DeleteRule);

        var templates = api.MapGroup("/templates");
        templates.MapGet("/{channel}", GetTemplate);
        templates.MapPut("/{channel}", SaveTemplate);
        templates.MapPost("/preview", PreviewTemplate);

        var settings = api.MapGroup("/settings/reminders");
        settings.MapGet("/", GetSettings);
        settings.MapPut("/", SaveSettings);

        var notices = api.MapGroup("/settings/notices");
        notices.MapGet("/", GetNotices);
        notices.MapPut("/", SaveNotices);

        var reminders = api.MapGroup("/reminders");
        reminders.MapGet("/", ListReminders);
        reminders.MapPost("/{id}/skip", SkipReminder);

        app.MapQueueTrigger<ReminderSender>("SendReminder", async (sender, message, ct) => (await sender.RunAsync(message, ct)).ToString());
        app.MapTimerTrigger<PlanRemindersTimer>("PlanReminders", (timer, _, ct) => timer.RunAsync(ct));
        return api;
    }

    private static async Task<Ok<RuleList>> ListRules(HttpContext context, RuleService rules, CancellationToken ct) =>
        TypedResults.Ok(await rules.ListAsync(context.SignedInAccount().Id, ct));

    private static async Task<Created<RuleResponse>> CreateRule(RuleInput input, HttpContext context, RuleService rules, CancellationToken ct)
    {
        var rule = await rules.CreateAsync(context.SignedInAccount(), input, ct);
        return TypedResults.Created($"/api/rules/{rule.Id}", rule);
    }

    private static async Task<Results<Ok<RuleResponse>, NotFound>> UpdateRule(
        string id,
        RuleInput input,
        HttpContext context,
        RuleService rules,
        CancellationToken ct
    ) => await rules.UpdateAsync(context.SignedInAccount(), id, input, ct) is { } rule ? TypedResults.Ok(rule) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteRule(string id, HttpContext context, RuleService rules, CancellationToken ct) =>
        await rules.DeleteAsync(context.SignedInAccount(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<TemplateResponse>, NotFound>> GetTemplate(
        string channel,
        HttpContext context,
        TemplateService templates,
        CancellationToken ct
    ) =>
        TemplateService.TemplateChannel(channel) is { } known
            ? TypedResults.Ok(await templates.GetAsync(context.SignedInAccount().Id, known, ct))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<TemplateResponse>, NotFound>> SaveTemplate(
        string channel,
        TemplateInput input,
        HttpContext context,
        TemplateService templates,
        CancellationToken ct
    ) =>
        TemplateService.TemplateChannel(channel) is { } known
            ? TypedResults.Ok(await templates.SaveAsync(context.SignedInAccount(), known, input, ct))
            : TypedResults.NotFound();

    private static async Task<Ok<PreviewResponse>> PreviewTemplate(TemplateInput input, HttpContext context, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.PreviewAsync(context.SignedInAccount(), input, ct));

    private static async Task<Ok<ReminderSettings>> GetSettings(HttpContext context, TemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.GetSettingsAsync(context.SignedInAccount().Id, ct));

    private static async Task<Ok<ReminderSettings>> SaveSettings(
        ReminderSettings input,
        HttpContext context,
        TemplateService templates,
        CancellationToken ct
    ) => TypedResults.Ok(await templates.SaveSettingsAsync(context.SignedInAccount().Id, input, ct));

    private static async Task<Ok<NoticeSettings>> GetNotices(HttpContext context, NoticeTemplates notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.GetAsync(context.SignedInAccount().Id, ct));

    private static async Task<Ok<NoticeSettings>> SaveNotices(NoticeSettingsInput input, HttpContext context, NoticeTemplates notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.SaveAsync(context.SignedInAccount(), input, ct));

    /// <remarks>The upcoming (scheduled) reminders come a page at a time (<c>after</c>, <c>limit</c>); the other lists whole.</remarks>
    private static async Task<IResult> ListReminders(
        string? status,
        string? after,
        int? limit,
        HttpContext context,
        ReminderService reminders,
        CancellationToken ct
    ) =>
        status is null or "" ? TypedResults.Ok(await reminders.ListAsync(context.SignedInAccount(), null, ct))
        : WireNames.TryParse<ReminderStatus>(status, out var known) && ReminderService.Statuses.Contains(known)
            ? known == ReminderStatus.Scheduled ? (await reminders.UpcomingJsonAsync(context.SignedInAccount(), after, limit, ct)).Ok()
                : TypedResults.Ok(await reminders.ListAsync(context.SignedInAccount(), known, ct))
        : TypedResults.Problem(statusCode: 400, title: "Unknown status.", detail: "Use scheduled, sent, failed or skipped.");

    private static async Task<Results<Ok<ReminderResponse>, NotFound>> SkipReminder(
        string id,
        HttpContext context,
        ReminderService reminders,
        CancellationToken ct
    ) => await reminders.SkipAsync(context.SignedInAccount(), id, ct) is { } skipped ? TypedResults.Ok(skipped) : TypedResults.NotFound();
}
