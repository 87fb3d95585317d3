import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../pages/Page';
import { SignUpForm } from './SignUpForm';

export function SignUpPage() {
  const [sentTo, setSentTo] = useState<{ email: string; message: string } | null>(null);

  if (sentTo !== null) {
    return (
      <Page title="Check your email" documentTitle="Check your email to finish signing up">
        <div role="status" className="notice notice--success">
          <p>{sentTo.message !== '' ? sentTo.message : 'We have sent you a link to confirm your email address.'}</p>
        </div>
        <p>
          Open the link we sent to <strong>{sentTo.email}</strong> to create your account. The link works once. If nothing
          arrives within a few minutes, check your spam folder.
        </p>
        <p>
          Already confirmed? <Link to="/login">Sign in</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Start your free trial" intro="Create your Client Reminders account. We will email you a link to confirm your address before the account is created.">
      <SignUpForm onSignedUp={(email, message) => setSentTo({ email, message })} />
      <p className="form-aside">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
      <p className="form-aside">
        Read how we handle your data and your clients' data in our <Link to="/privacy">privacy policy</Link>.
      </p>
    </Page>
  );
}
