// Links the Function App as the Static Web App's API: /api/* on the web app's host goes to the Function App, so the
// browser talks to one origin (same-origin cookies and CSRF checks, no CORS).
param staticWebAppName string
param backendResourceId string
param backendLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2023-12-01' existing = {
  name: staticWebAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2023-12-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}
