namespace ClientReminders.Billing;

public sealed record PlanOffer(string Code, string Name, string PriceShown, int SmsAllowance, int EmailAllowance, int? TrialDays);

public sealed record PlanOverview(PlanResponse Current, IReadOnlyList<PlanOffer> Available);

public static class BillingApi
{
    public const string OperatorPath = "/api/operator";

    public static RouteGroupBuilder MapPlans(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/plan", async Task<Ok<PlanOverview>> (HttpContext context, PlanAllowances allowances, PlanCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok(new PlanOverview(await allowances.StatusAsync(context.SignedInAccount(), ct), Offers(catalog)))
            )
            .RequireAuthorization();

        // For the payment provider's webhook (through a small relay that verifies the provider's signature) or an operator.
        app.MapPost(
            OperatorPath + "/accounts/{id}/plan",
            async Task<Results<Ok<PlanResponse>, NotFound, UnauthorizedHttpResult>> (
                string id,
                PlanChangeRequest request,
                HttpContext context,
                OperatorKey key,
                PlanChanges changes,
                CancellationToken ct
            ) =>
            {
                if (!key.IsConfigured)
                {
                    return TypedResults.NotFound();
                }
                if (!key.Accepts(context.Request.Headers[OperatorKey.Header].FirstOrDefault()))
                {
                    return TypedResults.Unauthorized();
                }
                return await changes.ChangeAsync(id, request, ct) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound();
            }
        );
        return api;
    }

    private static List<PlanOffer> Offers(PlanCatalog catalog) =>
        [.. catalog.All.Select(p => new PlanOffer(p.Code, p.Name, p.PriceShown, p.SmsAllowance, p.EmailAllowance, p.TrialDays))];
}
