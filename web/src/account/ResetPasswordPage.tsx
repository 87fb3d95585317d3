import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { resetPassword } from '../api/account';
import { Notice } from '../components/Notice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { NEW_PASSWORD_HINT, PasswordField, passwordLengthProblem } from '../forms/PasswordField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { Page } from '../pages/Page';

const FIELDS = {
  password: { id: 'reset-password', label: 'New password' },
  confirmPassword: { id: 'reset-confirm-password', label: 'Confirm new password' },
};

export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);

  const validate = useCallback(
    () =>
      validationProblem({
        password: passwordLengthProblem(password),
        confirmPassword: confirmPassword !== password && 'The passwords do not match.',
      }),
    [password, confirmPassword],
  );
  const submit = useCallback(async () => {
    const message = await resetPassword(token, password);
    setAnswer(message !== '' ? message : 'Your password has been changed.');
  }, [token, password]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  if (token === '') {
    return (
      <Page title="Choose a new password" intro="This link is missing its code. Open the link from the email again, or ask for a new one.">
        <p>
          <Link to="/forgot-password">Ask for a new reset link</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Choose a new password" intro="Choose a new password for your Client Reminders account.">
      {answer !== null ? (
        <>
          <Notice role="status" tone="success">
            <p>{answer}</p>
          </Notice>
          <p>
            <Link to="/login" className="button button--link">
              Sign in
            </Link>
          </p>
        </>
      ) : (
        <>
          <form noValidate onSubmit={onSubmit} className="form">
            <ErrorSummary problem={problem} fields={FIELDS} />
            <PasswordField
              {...FIELDS.password}
              value={password}
              onChange={setPassword}
              autoComplete="new-password"
              hint={NEW_PASSWORD_HINT}
              errors={errorsFor(problem, 'password')}
            />
            <PasswordField
              {...FIELDS.confirmPassword}
              value={confirmPassword}
              onChange={setConfirmPassword}
              autoComplete="new-password"
              errors={errorsFor(problem, 'confirmPassword')}
            />
            <button type="submit" className="button" disabled={isSubmitting}>
              {isSubmitting ? 'Saving…' : 'Save new password'}
            </button>
          </form>
          {problem !== null && Object.keys(problem.fieldErrors).length === 0 && (
            <p className="form-aside">
              <Link to="/forgot-password">Ask for a new reset link</Link>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
