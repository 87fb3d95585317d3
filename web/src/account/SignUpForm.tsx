import { useCallback, useMemo, useState } from 'react';
import { signUp, type SignUpRequest } from '../api/account';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { NEW_PASSWORD_HINT, PasswordField, passwordLengthProblem } from '../forms/PasswordField';
import { SelectField } from '../forms/SelectField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { countryOptions, defaultCountry, defaultTimeZone, timeZoneOptions } from '../lib/placeOptions';

const FIELDS = {
  businessName: { id: 'signup-business-name', label: 'Business name' },
  ownerName: { id: 'signup-owner-name', label: 'Your name' },
  email: { id: 'signup-email', label: 'Email address' },
  password: { id: 'signup-password', label: 'Password' },
  country: { id: 'signup-country', label: 'Country' },
  timeZone: { id: 'signup-time-zone', label: 'Time zone' },
};

interface SignUpFormProps {
  /** Called with what was sent, so the check-your-email page can send the link again. */
  onSignedUp: (sent: SignUpRequest, message: string) => void;
  /** What the owner typed before, when they come back to correct their address. */
  initial?: SignUpRequest | null;
}

export function SignUpForm({ onSignedUp, initial = null }: SignUpFormProps) {
  const [businessName, setBusinessName] = useState(initial?.businessName ?? '');
  const [ownerName, setOwnerName] = useState(initial?.ownerName ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [password, setPassword] = useState(initial?.password ?? '');
  const [country, setCountry] = useState(() => initial?.country ?? defaultCountry());
  const [timeZone, setTimeZone] = useState(() => initial?.timeZone ?? defaultTimeZone());
  const countries = useMemo(() => countryOptions(), []);
  const timeZones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);

  const validate = useCallback(
    () =>
      validationProblem({
        businessName: businessName.trim() === '' && 'Enter the name of your business.',
        ownerName: ownerName.trim() === '' && 'Enter your name.',
        email: !email.includes('@') && 'Enter your email address, like name@example.com.',
        password: passwordLengthProblem(password),
      }),
    [businessName, ownerName, email, password],
  );
  const submit = useCallback(async () => {
    const request = { businessName: businessName.trim(), ownerName: ownerName.trim(), email: email.trim(), password, country, timeZone };
    const message = await signUp(request);
    onSignedUp(request, message);
  }, [businessName, ownerName, email, password, country, timeZone, onSignedUp]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <TextField {...FIELDS.businessName} value={businessName} onChange={setBusinessName} autoComplete="organization" errors={errorsFor(problem, 'businessName')} />
      <TextField {...FIELDS.ownerName} value={ownerName} onChange={setOwnerName} autoComplete="name" errors={errorsFor(problem, 'ownerName')} />
      <TextField
        {...FIELDS.email}
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="email"
        hint="We will send a link to this address to confirm it is yours."
        errors={errorsFor(problem, 'email')}
      />
      <PasswordField
        {...FIELDS.password}
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        hint={NEW_PASSWORD_HINT}
        errors={errorsFor(problem, 'password')}
      />
      <SelectField {...FIELDS.country} value={country} options={countries} onChange={setCountry} autoComplete="country" errors={errorsFor(problem, 'country')} />
      <SelectField
        {...FIELDS.timeZone}
        value={timeZone}
        options={timeZones}
        onChange={setTimeZone}
        hint="Reminders go out at the right local time for your appointments."
        errors={errorsFor(problem, 'timeZone')}
      />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Creating your account…' : 'Start free trial'}
      </button>
    </form>
  );
}
