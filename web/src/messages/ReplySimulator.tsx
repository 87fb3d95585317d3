import { useCallback, useId, useState } from 'react';
import { simulateInboundSms } from '../api/replies';
import { LiveNotice } from '../components/LiveNotice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

const FIELDS = {
  from: { id: 'simulated-reply-from', label: 'From (the client’s mobile number)' },
  text: { id: 'simulated-reply-text', label: 'Their message' },
};

/** Development only: no SMS provider texts us here, so the owner can play a client replying. */
export function ReplySimulator({ onSent }: { onSent: () => Promise<boolean> }) {
  const headingId = useId();
  const [from, setFrom] = useState('');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);

  const validate = useCallback(
    () =>
      validationProblem({
        from: from.trim() === '' && 'Enter the mobile number of one of your clients.',
        text: text.trim() === '' && 'Enter what they text, like “C”, “STOP” or “Running late”.',
      }),
    [from, text],
  );
  const send = useCallback(async () => {
    setOutcome(null);
    await simulateInboundSms(from, text);
    setText('');
    setOutcome('Sent. Waiting for it to arrive…');
    const arrived = await onSent().catch(() => false);
    setOutcome(
      arrived
        ? 'Sent. The reply is listed above.'
        : 'Sent, but no new reply has shown up yet. Check the number belongs to one of your clients, or reload the page in a moment.',
    );
  }, [from, text, onSent]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(send, validate);

  return (
    <section aria-labelledby={headingId} className="reply-simulator">
      <h2 id={headingId} className="section-heading">
        Try a reply (local only)
      </h2>
      <p>This copy of the app receives no real texts. Send one here as if a client had replied to a reminder.</p>
      <form noValidate onSubmit={onSubmit} className="form" aria-labelledby={headingId}>
        <ErrorSummary problem={problem} fields={FIELDS} />
        <TextField {...FIELDS.from} type="tel" autoComplete="off" value={from} onChange={setFrom} hint="For example 07700 900123." errors={errorsFor(problem, 'from')} />
        <TextField {...FIELDS.text} value={text} onChange={setText} autoComplete="off" errors={errorsFor(problem, 'text')} />
        <div className="button-row">
          <button type="submit" className="button" disabled={isSubmitting}>
            {isSubmitting ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
      <LiveNotice message={outcome} tone="neutral" />
    </section>
  );
}
