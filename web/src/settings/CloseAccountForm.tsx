import { useCallback, useState } from 'react';
import { closeAccount } from '../api/account';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { PasswordField } from '../forms/PasswordField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { useSession } from '../session/SessionProvider';

const FIELDS = { password: { id: 'close-password', label: 'Your password' } };

export function CloseAccountForm() {
  const { signedOut } = useSession();
  const [password, setPassword] = useState('');

  const validate = useCallback(() => validationProblem({ password: password === '' && 'Enter your password to close the account.' }), [password]);
  const submit = useCallback(async () => {
    await closeAccount(password);
    signedOut(null, true);
  }, [password, signedOut]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <p>Closing your account:</p>
      <ul>
        <li>stops every reminder and message to your clients at once;</li>
        <li>signs you out everywhere;</li>
        <li>deletes all of your data — account, clients, appointments, reminders and messages — within 7 days;</li>
        <li>cannot be undone.</li>
      </ul>
      <ErrorSummary problem={problem} fields={FIELDS} />
      <PasswordField
        {...FIELDS.password}
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        hint="Type your password to confirm it is you."
        errors={errorsFor(problem, 'password')}
      />
      <button type="submit" className="button button--danger" disabled={isSubmitting}>
        {isSubmitting ? 'Closing…' : 'Close my account'}
      </button>
    </form>
  );
}
