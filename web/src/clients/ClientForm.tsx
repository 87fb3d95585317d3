import { useCallback, useState } from 'react';
import type { ClientDetails } from '../api/clients';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

export const NEED_MOBILE_OR_EMAIL = 'Give a mobile number or an email address, or both.';

const FIELDS = {
  name: { id: 'client-name', label: 'Name' },
  mobile: { id: 'client-mobile', label: 'Mobile number' },
  email: { id: 'client-email', label: 'Email address' },
};

interface ClientFormProps {
  initial?: ClientDetails;
  /** The account's country (ISO code): numbers typed without a country code belong to it. */
  country: string;
  submitLabel: string;
  submittingLabel: string;
  onSave: (details: ClientDetails) => Promise<void>;
}

export function ClientForm({ initial, country, submitLabel, submittingLabel, onSave }: ClientFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [mobile, setMobile] = useState(initial?.mobile ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');

  const validate = useCallback(() => {
    const noContact = mobile.trim() === '' && email.trim() === '';
    return validationProblem({
      name: name.trim() === '' && 'Enter the client’s name.',
      mobile: noContact && NEED_MOBILE_OR_EMAIL,
      email: noContact ? NEED_MOBILE_OR_EMAIL : email.trim() !== '' && !email.includes('@') && 'Enter an email address like name@example.com.',
    });
  }, [name, mobile, email]);
  const submit = useCallback(() => onSave({ name, mobile, email }), [name, mobile, email, onSave]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <TextField {...FIELDS.name} value={name} onChange={setName} autoComplete="off" errors={errorsFor(problem, 'name')} />
      <p className="form-aside">{NEED_MOBILE_OR_EMAIL} Text reminders need a mobile number, email reminders an email address.</p>
      <TextField
        {...FIELDS.mobile}
        type="tel"
        value={mobile}
        onChange={setMobile}
        autoComplete="off"
        required={false}
        markOptional={false}
        hint={mobileHint(country)}
        errors={errorsFor(problem, 'mobile')}
      />
      <TextField
        {...FIELDS.email}
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="off"
        required={false}
        markOptional={false}
        errors={errorsFor(problem, 'email')}
      />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? submittingLabel : submitLabel}
      </button>
    </form>
  );
}

export function mobileHint(country: string, locale?: string): string {
  const example = country === 'GB' ? ', like 07700 900123' : '';
  return `Numbers without a + and country code are taken as ${countryName(country, locale)} numbers${example}. For a number from elsewhere, start with + and the country code.`;
}

function countryName(country: string, locale?: string): string {
  if (country === 'GB') {
    return 'United Kingdom';
  }
  try {
    return new Intl.DisplayNames(locale === undefined ? undefined : [locale], { type: 'region' }).of(country) ?? country;
  } catch {
    return country === '' ? 'your account’s country' : country;
  }
}
