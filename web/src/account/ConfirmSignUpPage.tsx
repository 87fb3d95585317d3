import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { confirmSignUp, getMe } from '../api/account';
import { Page } from '../pages/Page';
import { useSession } from '../session/SessionProvider';
import { TokenActionResult } from './TokenActionResult';
import { useTokenAction } from './useTokenAction';

/** Opening the emailed link creates the account and signs the owner in: the next step is their dashboard. */
export function ConfirmSignUpPage() {
  const [searchParams] = useSearchParams();
  const { state: session, signedIn } = useSession();
  const confirm = useCallback(
    async (token: string) => {
      const message = await confirmSignUp(token);
      const me = await getMe().catch(() => null);
      if (me !== null) {
        signedIn(me);
      }
      return message;
    },
    [signedIn],
  );
  const state = useTokenAction(searchParams.get('token') ?? '', confirm);
  return (
    <Page title="Confirm your email address">
      <TokenActionResult
        state={state}
        working="Confirming your email address and creating your account…"
        done="Your account is ready."
        missing="This link is missing its code. Open the link from the email again."
      />
      {state.kind === 'done' && (
        <p>
          {session.kind === 'signed-in' ? (
            <Link to="/dashboard" className="button button--link">
              Go to your dashboard
            </Link>
          ) : (
            <Link to="/login" className="button button--link">
              Sign in
            </Link>
          )}
        </p>
      )}
      {state.kind === 'failed' && (
        <p>
          The link may have expired or been used already. <Link to="/login">Sign in</Link> if your account is confirmed,
          or <Link to="/signup">sign up again</Link> to get a new link.
        </p>
      )}
    </Page>
  );
}
