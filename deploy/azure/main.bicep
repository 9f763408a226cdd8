// IssuerSync publisher on Azure Functions (Flex Consumption, custom handler): one storage account with
//   - oidc              public-read (blob) container: the documents, one prefix per issuer ({issuerId}/...)
//   - issuersync-state  private container: one state document per issuer
//   - deployments       private container: the app package (Flex Consumption deployment storage)
//   - the issuersync-reconcile queue (Reconcile → ReconcileIssuer fan-out)
// and a function app whose system-assigned identity holds Storage Blob Data Contributor and Storage Queue
// Data Contributor on that account only. No connection string or key is stored anywhere: every
// connection is identity-based. Deploy:
//   az deployment group create -g RG -f deploy/azure/main.bicep -p baseName=oidcfactory issuers=@issuers.json
// then scripts/deploy-functionapp.sh <functionAppName output>. Walkthrough: docs/function-app.md.

@description('Prefix of every resource name; the storage account is baseName without dashes (3-24 lowercase letters and digits in all).')
@minLength(3)
@maxLength(18)
param baseName string

param location string = resourceGroup().location

@description('One object per cluster: { id, agentSubject, requireApprovalForNewKeys? , retentionWindow?, maxTokenLifetime? }. Its issuer URL is https://ACCOUNT.blob.core.windows.net/oidc/{id}; set the cluster\'s --service-account-issuer to exactly that.')
param issuers array = []

@description('NCRONTAB (six fields, seconds first) of the Reconcile timer.')
param reconcileSchedule string = '0 */5 * * * *'

@description('An issuer whose agent has not pushed for longer is reported stale.')
param staleAfter string = '02:00:00'

@description('Flex Consumption: most instances the app scales out to.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 512

var storageName = toLower(replace('${baseName}st', '-', ''))
var documentsContainer = 'oidc'
var stateContainer = 'issuersync-state'
var deploymentContainer = 'deployments'
var reconcileQueue = 'issuersync-reconcile'
// Built-in role definitions.
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // The documents container is read anonymously by Entra ID, AWS STS and GCP; nothing else is public.
    allowBlobPublicAccess: true
    // Identity only: the app and operators use Entra ID, never the account key.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource documents 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: documentsContainer
  properties: { publicAccess: 'Blob' }
}

resource state 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainer
  properties: { publicAccess: 'None' }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
  properties: { publicAccess: 'None' }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: reconcileQueue
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var blobEndpoint = storage.properties.primaryEndpoints.blob
var issuerSettings = flatten(map(range(0, length(issuers)), i => [
  { name: 'IssuerSync__Issuers__${i}__Id', value: issuers[i].id }
  { name: 'IssuerSync__Issuers__${i}__Issuer', value: '${blobEndpoint}${documentsContainer}/${issuers[i].id}' }
  { name: 'IssuerSync__Issuers__${i}__Target', value: 'azblob:${blobEndpoint}${documentsContainer}/${issuers[i].id}' }
  { name: 'IssuerSync__Issuers__${i}__AgentSubject', value: issuers[i].agentSubject }
  { name: 'IssuerSync__Issuers__${i}__RequireApprovalForNewKeys', value: string(issuers[i].?requireApprovalForNewKeys ?? true) }
  { name: 'IssuerSync__Issuers__${i}__RetentionWindow', value: issuers[i].?retentionWindow ?? '7.00:00:00' }
  { name: 'IssuerSync__Issuers__${i}__MaxTokenLifetime', value: issuers[i].?maxTokenLifetime ?? '01:00:00' }
]))

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${baseName}-func'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // A custom handler: host.json names the executable (handler/IssuerSync.Functions).
      runtime: { name: 'custom', version: '1.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        // Host storage (timer locks, keys, the queue binding's connection "AzureWebJobsStorage"), identity-based.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'IssuerSync__StateStore', value: 'azblob:${blobEndpoint}${stateContainer}' }
        { name: 'IssuerSync__ReconcileSchedule', value: reconcileSchedule }
        { name: 'IssuerSync__StaleAfter', value: staleAfter }
      ], issuerSettings)
    }
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output publisherUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output issuerUrls array = [for issuer in issuers: '${blobEndpoint}${documentsContainer}/${issuer.id}']
