import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { confirmEmailChange, getMe } from '../api/account';
import { Page } from '../pages/Page';
import { useSession } from '../session/SessionProvider';
import { TokenActionResult } from './TokenActionResult';
import { useTokenAction } from './useTokenAction';

export function ConfirmEmailPage() {
  const [searchParams] = useSearchParams();
  const state = useTokenAction(searchParams.get('token') ?? '', confirmEmailChange);
  const { state: session, updated } = useSession();
  const signedIn = session.kind === 'signed-in';

  // The owner's email in the header and settings comes from /me: read it again once the change is confirmed.
  useEffect(() => {
    if (state.kind === 'done' && signedIn) {
      getMe().then((me) => me !== null && updated(me), () => undefined);
    }
  }, [state.kind, signedIn, updated]);

  return (
    <Page title="Confirm your new email address">
      <TokenActionResult
        state={state}
        working="Confirming your new email address…"
        done="Your email address has been changed. Use the new address to sign in from now on."
        missing="This link is missing its code. Open the link from the email again."
      />
      {state.kind === 'failed' && <p>The link may have expired or been used already. You can ask for a new one in Settings.</p>}
      {state.kind !== 'working' && (
        <p>
          <Link to={signedIn ? '/settings' : '/login'}>{signedIn ? 'Go to settings' : 'Sign in'}</Link>
        </p>
      )}
    </Page>
  );
}
