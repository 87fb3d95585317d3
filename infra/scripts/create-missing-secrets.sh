#!/bin/sh
# Runs in Azure (infra/app/key-vault-secrets.bicep): creates each of $SECRETS in Key Vault $VAULT unless it exists.
# Values are made here and go straight to Key Vault; nothing is echoed.
set -eu

# A fresh role assignment can take minutes to apply: wait until the vault can be listed before deciding anything,
# so a permission error is never mistaken for a missing secret.
attempt=0
until existing=$(az keyvault secret list --vault-name "$VAULT" --query "[].name" --output tsv 2>/dev/null); do
  attempt=$((attempt + 1))
  [ "$attempt" -ge 60 ] && { echo "Key Vault $VAULT could not be listed after 10 minutes." >&2; exit 1; }
  sleep 10
done

for name in $SECRETS; do
  if printf '%s\n' "$existing" | grep -qx "$name"; then
    echo "$name exists; left as it is."
  else
    head -c 32 /dev/urandom | base64 | tr -d '\n' > /tmp/secret
    az keyvault secret set --vault-name "$VAULT" --name "$name" --file /tmp/secret --encoding utf-8 --output none
    rm -f /tmp/secret
    echo "$name created."
  fi
done
