// Client Reminders on Azure: the API as a custom-handler Function App (Flex Consumption, Linux), the web app as a
// Static Web App linked to it, Storage without shared keys, Communication Services with an email domain, Key Vault for
// the keys, Application Insights, and Event Grid delivering SMS reports and replies to the webhook. See infra/README.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the azd environment; resource names are derived from it.')
param environmentName string

@minLength(1)
@description('Region of everything but the Static Web App; it must offer Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Static Web Apps run in a few regions only.')
@allowed(['westeurope', 'eastus2', 'centralus', 'westus2', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('Where Communication Services keeps its data at rest.')
@allowed(['Europe', 'United States', 'UK', 'Australia', 'Asia Pacific', 'Canada', 'France', 'Germany', 'Japan', 'Switzerland'])
param communicationDataLocation string = 'Europe'

@description('The phone number reminders are sent from (E.164), bought in the Communication Services resource after the first provisioning.')
param smsSenderNumber string

@description('Where support-form messages are emailed; empty keeps the app default.')
param supportAddress string = ''

@description('Application (client) id of the Entra app registration for Outlook calendars (see the README); empty leaves Outlook calendars off. Its client secret goes into Key Vault by hand as Graph--ClientSecret.')
param graphClientId string = ''

@description('Create the Event Grid subscriptions; Event Grid checks the webhook when subscribing, so only once the API is deployed.')
param subscribeToSmsEvents bool = false

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// One convention: the Cloud Adoption Framework abbreviation, then the environment's token (storage allows no hyphens).
var names = {
  resourceGroup: 'rg-${environmentName}'
  apiIdentity: 'id-api-${resourceToken}'
  keysIdentity: 'id-keys-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  keysScript: 'ds-keys-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-api-${resourceToken}'
  staticWebApp: 'stapp-web-${resourceToken}'
  communication: 'acs-${resourceToken}'
  emailService: 'ecs-${resourceToken}'
  eventTopic: 'evgt-acs-${resourceToken}'
}

// Queues the functions listen to (api/functions/*/function.json); tables are created by the app on first use.
var queues = ['send-reminders', 'client-imports', 'reencrypt-accounts', 'owner-alerts', 'calendar-changes']
var deploymentContainer = 'app-package'

// Key Vault secret names; the app reads each through a Key Vault reference (Security__MasterKey is Security:MasterKey).
var secretNames = {
  masterKey: 'Security--MasterKey'
  blindIndexKey: 'Security--BlindIndexKey'
  webhookSecret: 'EventGrid--WebhookSecret'
  // Comes from the Entra app registration, so it is stored by hand (infra/README.md), never generated.
  graphClientSecret: 'Graph--ClientSecret'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module apiIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'api-identity'
  scope: rg
  params: {
    name: names.apiIdentity
    location: location
    tags: tags
  }
}

module keysIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'keys-identity'
  scope: rg
  params: {
    name: names.keysIdentity
    location: location
    tags: tags
  }
}

module monitoring 'br/public:avm/ptn/azd/monitoring:0.1.0' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: 'Standard_LRS'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    blobServices: {
      containers: [{ name: deploymentContainer }]
    }
    queueServices: {
      queues: [for queue in queues: { name: queue }]
    }
    roleAssignments: [
      // The Functions host keeps timers, leases and the deployment package in blobs.
      {
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Blob Data Owner'
      }
      {
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Queue Data Contributor'
      }
      {
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Table Data Contributor'
      }
    ]
  }
}

module keyVault 'br/public:avm/res/key-vault/vault:0.11.0' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enablePurgeProtection: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Lets this template hand the webhook secret to the Event Grid module without it ever being a parameter or output.
    enableVaultForTemplateDeployment: true
    publicNetworkAccess: 'Enabled'
    roleAssignments: [
      {
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Key Vault Secrets User'
      }
      {
        principalId: keysIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Key Vault Secrets Officer'
      }
    ]
  }
}

module keys 'app/key-vault-secrets.bicep' = {
  name: 'key-vault-secrets'
  scope: rg
  params: {
    name: names.keysScript
    location: location
    tags: tags
    keyVaultName: keyVault.outputs.name
    identityResourceId: keysIdentity.outputs.resourceId
    secretNames: [secretNames.masterKey, secretNames.blindIndexKey, secretNames.webhookSecret]
  }
}

module communication 'app/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    communicationName: names.communication
    emailServiceName: names.emailService
    dataLocation: communicationDataLocation
    tags: tags
    senderPrincipalId: apiIdentity.outputs.principalId
  }
}

module staticWebApp 'br/public:avm/res/web/static-site:0.9.2' = {
  name: 'static-web-app'
  scope: rg
  params: {
    name: names.staticWebApp
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
    // Linking a Function App as the API needs the Standard plan.
    sku: 'Standard'
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'plan'
  scope: rg
  params: {
    name: names.plan
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    planResourceId: plan.outputs.resourceId
    identityResourceId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainer: deploymentContainer
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    secretNames: secretNames
    communicationEndpoint: communication.outputs.endpoint
    emailSenderAddress: communication.outputs.senderAddress
    smsSenderNumber: smsSenderNumber
    publicBaseUrl: 'https://${staticWebApp.outputs.defaultHostname}'
    supportAddress: supportAddress
    graphClientId: graphClientId
  }
  dependsOn: [keys]
}

module link 'app/static-web-app-backend.bicep' = {
  name: 'static-web-app-backend'
  scope: rg
  params: {
    staticWebAppName: staticWebApp.outputs.name
    backendResourceId: functionApp.outputs.resourceId
    backendLocation: location
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: names.keyVault
  scope: rg
}

// Through the Static Web App, the public front door: once linked, the Function App answers only the Static Web App.
module smsEvents 'app/event-grid.bicep' = if (subscribeToSmsEvents) {
  name: 'sms-events'
  scope: rg
  params: {
    name: names.eventTopic
    tags: tags
    communicationResourceId: communication.outputs.resourceId
    webhookBaseUrl: 'https://${staticWebApp.outputs.defaultHostname}/api/webhooks/eventgrid'
    webhookSecret: vault.getSecret(secretNames.webhookSecret)
  }
  dependsOn: [link, keys]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_WEB_NAME string = staticWebApp.outputs.name
output WEB_URL string = 'https://${staticWebApp.outputs.defaultHostname}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_COMMUNICATION_NAME string = communication.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
