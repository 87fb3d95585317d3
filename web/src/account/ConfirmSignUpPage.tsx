import { Link, useSearchParams } from 'react-router';
import { confirmSignUp } from '../api';
import { Page } from '../pages/Page';
import { TokenActionResult } from './TokenActionResult';
import { useTokenAction } from './useTokenAction';

export function ConfirmSignUpPage() {
  const [searchParams] = useSearchParams();
  const state = useTokenAction(searchParams.get('token') ?? '', confirmSignUp);
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
          <Link to="/login" className="button button--link">
            Sign in
          </Link>
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
