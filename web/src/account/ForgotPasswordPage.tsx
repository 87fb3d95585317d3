import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { requestPasswordReset } from '../api/account';
import { Notice } from '../components/Notice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { Page } from '../pages/Page';

const FIELDS = { email: { id: 'forgot-email', label: 'Email address' } };

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);

  const validate = useCallback(() => validationProblem({ email: email.trim() === '' && 'Enter your email address.' }), [email]);
  const submit = useCallback(async () => {
    const message = await requestPasswordReset(email.trim());
    setAnswer(message !== '' ? message : 'If an account uses that address, we have sent it a link to reset the password.');
  }, [email]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <Page title="Reset your password" intro="Enter the email address you sign in with and we will email you a link to choose a new password.">
      {answer !== null ? (
        <>
          <Notice role="status" tone="success">
            <p>{answer}</p>
          </Notice>
          <p>The link works once and expires after a short time. If nothing arrives, check your spam folder.</p>
        </>
      ) : (
        <form noValidate onSubmit={onSubmit} className="form">
          <ErrorSummary problem={problem} fields={FIELDS} />
          <TextField {...FIELDS.email} type="email" value={email} onChange={setEmail} autoComplete="username" errors={errorsFor(problem, 'email')} />
          <button type="submit" className="button" disabled={isSubmitting}>
            {isSubmitting ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p className="form-aside">
        <Link to="/login">Back to sign in</Link>
      </p>
    </Page>
  );
}
