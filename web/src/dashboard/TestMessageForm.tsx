import { useCallback, useState } from 'react';
import { sendTestMessage } from '../api/dashboard';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

/** "Send me a test": the owner's own template with sample details, to their email address or to a mobile they type. */
export function TestMessageForm({ email, onSent }: { email: string; onSent: () => void }) {
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [mobile, setMobile] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const send = useCallback(async () => {
    setSent(null);
    const result = await sendTestMessage(channel, channel === 'sms' ? mobile : undefined);
    setSent(result.message);
    onSent();
  }, [channel, mobile, onSent]);
  const validate = useCallback(
    () => validationProblem({ mobile: channel === 'sms' && mobile.trim() === '' && 'Enter the mobile number to send the test text to.' }),
    [channel, mobile],
  );
  const { problem, isSubmitting, onSubmit } = useFormSubmit(send, validate);

  return (
    <form className="test-message" aria-label="Send yourself a test reminder" onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={problem} fields={{ mobile: { id: 'test-mobile', label: 'Your mobile number' }, channel: { id: 'test-channel-email', label: 'Send by' } }} />
      <fieldset className="test-message__channels">
        <legend>Send by</legend>
        <label>
          <input id="test-channel-email" type="radio" name="test-channel" value="email" checked={channel === 'email'} onChange={() => setChannel('email')} /> Email to {email}
        </label>
        <label>
          <input type="radio" name="test-channel" value="sms" checked={channel === 'sms'} onChange={() => setChannel('sms')} /> Text message
        </label>
      </fieldset>
      {channel === 'sms' && (
        <TextField id="test-mobile" label="Your mobile number" type="tel" autoComplete="tel" value={mobile} onChange={setMobile} errors={errorsFor(problem, 'mobile')} hint="It counts towards this month's text messages." />
      )}
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Send me a test'}
      </button>
      <p role="status" className="test-message__sent">
        {sent}
      </p>
    </form>
  );
}
