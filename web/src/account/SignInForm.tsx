import { useCallback, useState } from 'react';
import { signIn, type Me } from '../api/account';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { PasswordField } from '../forms/PasswordField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

const FIELDS = {
  email: { id: 'signin-email', label: 'Email address' },
  password: { id: 'signin-password', label: 'Password' },
};

export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(false);

  const validate = useCallback(
    () =>
      validationProblem({
        email: email.trim() === '' && 'Enter your email address.',
        password: password === '' && 'Enter your password.',
      }),
    [email, password],
  );
  const submit = useCallback(async () => onSignedIn(await signIn(email.trim(), password, rememberMe)), [email, password, rememberMe, onSignedIn]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <TextField {...FIELDS.email} type="email" value={email} onChange={setEmail} autoComplete="username" errors={errorsFor(problem, 'email')} />
      <PasswordField {...FIELDS.password} value={password} onChange={setPassword} autoComplete="current-password" errors={errorsFor(problem, 'password')} />
      <div className="checkbox">
        <input id="signin-remember" type="checkbox" checked={rememberMe} onChange={(event) => setRememberMe(event.target.checked)} />
        <label htmlFor="signin-remember">Remember me on this device</label>
      </div>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
