// Event Grid delivers SMS delivery reports and inbound SMS from Communication Services to the API's webhook. The
// secret is a secure parameter read from Key Vault by the caller; Event Grid never returns a URL's query string.
param name string
param tags object
param communicationResourceId string
param webhookBaseUrl string

@secure()
param webhookSecret string

var subscriptions = [
  {
    name: 'sms-delivery-reports'
    eventType: 'Microsoft.Communication.SMSDeliveryReportReceived'
  }
  {
    name: 'sms-received'
    eventType: 'Microsoft.Communication.SMSReceived'
  }
]

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: name
  location: 'global'
  tags: tags
  properties: {
    source: communicationResourceId
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = [for item in subscriptions: {
  parent: topic
  name: item.name
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // base64 holds + / =, so the secret is URL-encoded; the app compares the decoded value.
        endpointUrl: '${webhookBaseUrl}?code=${uriComponent(webhookSecret)}'
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [item.eventType]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      // A report for a reminder still being sent is answered 503 and comes back; a day covers any send.
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}]
