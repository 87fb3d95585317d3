// Makes the app's secrets inside Azure, once: a deployment script with its own identity (Key Vault Secrets Officer on
// this vault only) writes 32 random bytes (base64) for every named secret that does not exist yet, and never prints
// or outputs a value. Re-running it changes nothing, so a redeploy can never replace the master key.
param name string
param location string
param tags object
param keyVaultName string
param identityResourceId string
param secretNames array

module script 'br/public:avm/res/resources/deployment-script:0.5.1' = {
  name: 'script'
  params: {
    name: name
    location: location
    tags: tags
    kind: 'AzureCLI'
    azCliVersion: '2.67.0'
    managedIdentities: {
      userAssignedResourceIds: [identityResourceId]
    }
    environmentVariables: [
      { name: 'VAULT', value: keyVaultName }
      { name: 'SECRETS', value: join(secretNames, ' ') }
    ]
    scriptContent: loadTextContent('../scripts/create-missing-secrets.sh')
    timeout: 'PT15M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'OnSuccess'
  }
}
