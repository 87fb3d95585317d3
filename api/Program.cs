public static partial class Program
{
    public static void Main(string[] args) => Build(args).Run();

    /// <summary>The whole app; tests build it through here too, adding their own services and trigger endpoints.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? mapExtra = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // One line per concern, its comment in a column: the formatter leaves these two tables as they are.
        // csharpier-ignore-start
        builder.Services.AddSingleton(TimeProvider.System);              // the one clock; tests replace it to move time
        builder.ListenOnCustomHandlerPort();                             // the Functions host tells us our port
        builder.RedactSecretsInLogs();                                   // ?code= (the webhook secret) never reaches a log
        builder.LimitRequestSizes();                                     // small bodies by default; 413 beyond
        builder.Services.AddProblemDetails();                            // errors as RFC 7807 problem details
        builder.Services.AddCompressedResponses();                       // Brotli or gzip for JSON and the web app's files
        builder.Services.AddSourceGeneratedJson();                       // bodies' JSON metadata built at compile time, not on the first request
        builder.Services.AddStorageClients(builder.Configuration);       // our Table and Queue adapters over AzureWebJobsStorage
        builder.AddTriggers();                                           // function.json catalog; local trigger driver when no host runs us
        builder.Services.AddRetention();                                 // every table's retention policy and the purge that enforces it
        builder.Services.AddPasswordHashing(builder.Configuration);      // PBKDF2 hashes and the password policy
        builder.Services.AddAuditLog();                                  // security events per account, kept 12 months
        builder.Services.AddEmail();                                     // owners' emails (sign-up, reset, notices) and the dev outbox
        builder.Services.AddCommunication(builder.Configuration);        // ACS SMS and Email clients when Acs:* is set, else the local outboxes
        builder.AddAccounts();                                           // sign-up, sessions, CSRF, rate limits, profile, closure
        builder.Services.AddSupport(builder.Configuration);              // contact form: emailed, never stored
        builder.Services.AddFieldEncryption();                           // per-account data keys, AES-GCM fields, re-encryption
        builder.Services.AddClients(builder.Environment);                // clients, CSV import, export and data summary
        builder.Services.AddAppointments();                              // appointments typed in or synced, and their calendar files
        builder.Services.AddReminders();                                 // rules, templates, the reminder store, planner and sender
        builder.Services.AddUnsubscribe();                               // signed unsubscribe links in every reminder email
        builder.Services.AddAnswers();                                   // one-tap answer links: confirm, cancel or rearrange without signing in
        builder.Services.AddMessaging(builder.Configuration);            // Event Grid webhook: delivery reports, STOP/START/HELP and replies
        builder.Services.AddConversations();                             // each client's messages both ways, the inbox, the owner's answers
        builder.Services.AddAlerts();                                    // owners told what needs them, batched per account
        builder.Services.AddIcsFeeds();                                  // iCalendar feed fetcher (https, public addresses, size cap); parser and expander are static
        builder.Services.AddDirectMessages();                            // one-off messages to chosen clients, through the reminder send queue
        builder.Services.AddMessageHistory();                            // every reminder and direct message with its outcome, and daily counts
        builder.Services.AddCalendars();                                 // Outlook calendars through Graph: connect, choose, match, review, sync
        builder.Services.AddDashboard();                                 // the owner's overview after sign-in, and "send me a test"
        builder.Services.AddPlans();                                     // plan catalog, allowances and their emails, the operator's plan-change endpoint
        // csharpier-ignore-end
        configure?.Invoke(builder);

        var app = builder.Build();

        // csharpier-ignore-start
        app.UseForwardedClient();                                        // behind the Functions host: the visitor's address from X-Forwarded-For
        app.UseResponseCompression();                                    // as the browser's Accept-Encoding asks
        app.UseExceptionHandler();
        app.UseStatusCodePages();                                        // empty error answers (e.g. Kestrel's 413) get a problem body
        app.UseApiSecurityHeaders();                                     // nosniff, no-store, no framing on /api
        app.UseWebApp();                                                 // built SPA with Static Web Apps' headers and fallback, locally
        app.UseAuthentication();                                         // the __Host-session cookie
        app.UseAccountActivity();                                        // a signed-in change ends any shared load of the owner's screens
        app.UseCsrfProtection();                                         // X-CSRF-Token and same-origin on every state change
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealth();                                                 // GET /api/health
        app.MapAccounts();                                               // /api/auth/*, /api/me/*
        app.MapSupport();                                                // POST /api/support
        app.MapClients();                                                // /api/clients/*
        app.MapClientImports();                                          // /api/clients/import/*; queue: ImportClients
        app.MapPrivacy();                                                // GET /api/data-summary, GET /api/export
        app.MapAppointments();                                           // /api/appointments/*, GET /api/calendar-file/{token} (signed link)
        app.MapReminders();                                              // /api/rules/*, /api/templates/*, /api/reminders/*; SendReminder, PlanReminders
        app.MapUnsubscribe();                                            // GET/POST /api/unsubscribe, no login: the signed token decides
        app.MapAnswers();                                                // GET/POST /api/answers/{token}, no login: the signed token decides
        app.MapMessaging();                                              // POST /api/webhooks/eventgrid, /api/replies/*
        app.MapDirectMessages();                                         // POST /api/messages/direct, POST /api/messages/direct/preview
        app.MapConversations();                                          // /api/conversations/*, /api/clients/{id}/conversation/*
        app.MapAlerts();                                                 // GET/PUT /api/settings/alerts; queue: SendOwnerAlerts
        app.MapMessageHistory();                                         // GET /api/history, GET /api/history/daily
        app.MapCalendars();                                              // /api/calendars/*; timer: SyncCalendars
        app.MapIcsFeeds();                                               // /api/calendars/ics/*: iCalendar feed subscriptions
        app.MapDashboard();                                              // GET /api/dashboard, POST /api/dashboard/test-message
        app.MapPlans();                                                  // GET /api/plan; POST /api/operator/accounts/{id}/plan (operator key)
        app.MapDevTools();                                               // GET /api/dev/emails, GET /api/dev/outbox, POST /api/dev/inbound-sms: Development, loopback only
        app.MapRetentionPurge();                                         // timer: RetentionPurge
        app.MapKeyRotation();                                            // queue: ReencryptAccount
        // csharpier-ignore-end
        mapExtra?.Invoke(app);

        return app;
    }
}
