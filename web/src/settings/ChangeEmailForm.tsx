import { useCallback, useState } from 'react';
import { getMe, requestEmailChange } from '../api/account';
import { LiveNotice } from '../components/LiveNotice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { PasswordField } from '../forms/PasswordField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { useSession } from '../session/SessionProvider';

const FIELDS = {
  newEmail: { id: 'email-new', label: 'New email address' },
  password: { id: 'email-password', label: 'Your password' },
};

export function ChangeEmailForm() {
  const { updated } = useSession();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  const validate = useCallback(
    () =>
      validationProblem({
        newEmail: !newEmail.includes('@') && 'Enter the new email address, like name@example.com.',
        password: password === '' && 'Enter your password to confirm it is you.',
      }),
    [newEmail, password],
  );
  const submit = useCallback(async () => {
    setSent(null);
    const message = await requestEmailChange(newEmail.trim(), password);
    setSent(message !== '' ? message : `We have sent a link to ${newEmail.trim()}. Open it to finish the change.`);
    setNewEmail('');
    setPassword('');
    const me = await getMe().catch(() => null);
    if (me !== null) {
      updated(me);
    }
  }, [newEmail, password, updated]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <h3 className="subsection-heading">Change email</h3>
      <p className="field__hint">We send a link to the new address; the change happens when you open it.</p>
      <ErrorSummary problem={problem} fields={FIELDS} />
      <TextField {...FIELDS.newEmail} type="email" value={newEmail} onChange={setNewEmail} autoComplete="email" errors={errorsFor(problem, 'newEmail')} />
      <PasswordField {...FIELDS.password} value={password} onChange={setPassword} autoComplete="current-password" errors={errorsFor(problem, 'password')} />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Send confirmation link'}
      </button>
      <LiveNotice message={sent} />
    </form>
  );
}
