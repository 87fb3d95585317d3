#!/bin/sh
# azd postdeploy hook: Event Grid checks the webhook when a subscription is created, so the SMS subscriptions are
# provisioned once the API answers. The first `azd up` turns them on and provisions again; later runs do nothing here.
set -eu
if [ "$(azd env get-value SUBSCRIBE_SMS_EVENTS 2>/dev/null || true)" = "true" ]; then
  exit 0
fi
echo "Subscribing Event Grid to SMS delivery reports and inbound SMS now that the API is deployed."
azd env set SUBSCRIBE_SMS_EVENTS true
azd provision --no-prompt
