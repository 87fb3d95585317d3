// The API: a Linux Function App on Flex Consumption running the custom handler (runtime `custom`) from the package
// scripts/publish.sh makes. Every setting the app reads in Azure is set here; secrets only as Key Vault references.
param name string
param location string
param tags object
param planResourceId string
param identityResourceId string
param identityClientId string
param storageAccountName string
param deploymentContainer string
param applicationInsightsName string
param keyVaultName string
param secretNames object
param communicationEndpoint string
param emailSenderAddress string
param smsSenderNumber string
param publicBaseUrl string
param supportAddress string
param graphClientId string

@description('Memory per instance; 2048 MB is the smallest Flex Consumption size.')
param instanceMemoryMB int = 2048

@description('A small business needs few instances; the cap also caps the bill.')
param maximumInstanceCount int = 40

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Key Vault references resolve with the user-assigned identity (keyVaultAccessIdentityResourceId) at start and on rotation.
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}'

var appSettings = union(
  {
    // Identity-based storage for the Functions host and our adapters alike (no keys: shared-key access is off).
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // DefaultAzureCredential (Communication Services) picks the user-assigned identity from this.
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Security__MasterKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${secretNames.masterKey}/)'
    Security__BlindIndexKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${secretNames.blindIndexKey}/)'
    EventGrid__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${secretNames.webhookSecret}/)'
    Acs__Endpoint: communicationEndpoint
    Acs__EmailFrom: emailSenderAddress
    Acs__SmsFrom: smsSenderNumber
    App__PublicBaseUrl: publicBaseUrl
  },
  empty(supportAddress) ? {} : { Support__Address: supportAddress },
  // Outlook calendars: on once the Entra app's id is given and its secret is in Key Vault; the redirect URI follows
  // App__PublicBaseUrl (/api/calendars/microsoft/callback) and Graph's and the authority's addresses are the app defaults.
  empty(graphClientId) ? {} : {
    Graph__ClientId: graphClientId
    Graph__ClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${secretNames.graphClientSecret}/)'
  }
)

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: 'site'
  params: {
    name: name
    location: location
    tags: tags
    kind: 'functionapp,linux'
    serverFarmResourceId: planResourceId
    httpsOnly: true
    managedIdentities: {
      userAssignedResourceIds: [identityResourceId]
    }
    keyVaultAccessIdentityResourceId: identityResourceId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // Custom handlers run on Flex Consumption since November 2025 (generally available); see infra/README.md.
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    appSettingsKeyValuePairs: appSettings
  }
}

output name string = site.outputs.name
output resourceId string = site.outputs.resourceId
output defaultHostname string = site.outputs.defaultHostname
