// Communication Services for SMS and email, with an Azure-managed email domain (DoNotReply@<guid>.azurecomm.net) linked
// to it; a custom domain needs DNS records and can replace it later. The API's identity may send through it.
param communicationName string
param emailServiceName string
param dataLocation string
param tags object
param senderPrincipalId string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource emailDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [emailDomain.id]
  }
}

// Communication Services has no data-plane role narrower than this for sending SMS and email with Microsoft Entra ID;
// it is granted on this one resource only.
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, senderPrincipalId, contributorRoleId)
  scope: communication
  properties: {
    principalId: senderPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)
  }
}

output name string = communication.name
output resourceId string = communication.id
output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = 'DoNotReply@${emailDomain.properties.fromSenderDomain}'
