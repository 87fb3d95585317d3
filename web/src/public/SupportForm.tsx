import { useCallback, useState } from 'react';
import { contactSupport } from '../api/account';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

const FIELDS = {
  name: { id: 'support-name', label: 'Your name' },
  email: { id: 'support-email', label: 'Your email address' },
  message: { id: 'support-message', label: 'How can we help?' },
};

interface SupportFormProps {
  initialName: string;
  initialEmail: string;
  onSent: (message: string) => void;
}

export function SupportForm({ initialName, initialEmail, onSent }: SupportFormProps) {
  const [name, setName] = useState(initialName);
  const [email, setEmail] = useState(initialEmail);
  const [message, setMessage] = useState('');

  const validate = useCallback(
    () =>
      validationProblem({
        name: name.trim() === '' && 'Enter your name.',
        email: !email.includes('@') && 'Enter your email address so we can answer you.',
        message: message.trim() === '' && 'Write your message.',
      }),
    [name, email, message],
  );
  const submit = useCallback(async () => onSent(await contactSupport(name.trim(), email.trim(), message)), [name, email, message, onSent]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <TextField {...FIELDS.name} value={name} onChange={setName} autoComplete="name" errors={errorsFor(problem, 'name')} />
      <TextField {...FIELDS.email} type="email" value={email} onChange={setEmail} autoComplete="email" errors={errorsFor(problem, 'email')} />
      <TextField
        {...FIELDS.message}
        multiline
        value={message}
        onChange={setMessage}
        hint="Please do not include your clients' details unless we need them to help you."
        errors={errorsFor(problem, 'message')}
      />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Send message'}
      </button>
    </form>
  );
}
