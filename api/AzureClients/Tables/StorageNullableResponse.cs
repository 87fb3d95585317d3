using Azure;

namespace ClientReminders.AzureClients.Tables;

internal sealed class StorageNullableResponse<T>(T? value, Response rawResponse) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T? Value => value;

    public override Response GetRawResponse() => rawResponse;
}
