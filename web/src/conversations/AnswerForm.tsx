import { useCallback, useRef, useState } from 'react';
import { MAX_SMS_ANSWER, REPLY_CHANNELS, sendConversationAnswer, type ReplyChannel } from '../api/conversations';
import { FormField } from '../components/FormField';
import { LiveNotice } from '../components/LiveNotice';
import { describedBy, FieldErrorMessages } from '../forms/FieldMessages';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { channelText } from '../lib/reminderText';

const FIELDS = {
  channel: { id: 'answer-channel', label: 'Reply by' },
  subject: { id: 'answer-subject', label: 'Subject' },
  text: { id: 'answer-text', label: 'Your reply' },
};
const LENGTH_ID = 'answer-text-length';

interface AnswerFormProps {
  clientId: string;
  clientName: string;
  businessName: string;
  /** Why each channel cannot be used; null when it can. At least one is null. */
  problems: Record<ReplyChannel, string | null>;
  /** The channel the client last wrote by, chosen first when it can be used. */
  preferred: ReplyChannel | null;
  onSent: (answerId: string) => void;
}

/** The owner's answer, by text or email; a retry of the same words reuses the request id, so it is sent once. */
export function AnswerForm({ clientId, clientName, businessName, problems, preferred, onSent }: AnswerFormProps) {
  const usable = REPLY_CHANNELS.filter((option) => problems[option] === null);
  const [chosen, setChosen] = useState<ReplyChannel | null>(() => (preferred !== null && problems[preferred] === null ? preferred : (usable[0] ?? null)));
  // A channel that became unusable since (the client opted out of email, say) gives way to one that still works.
  const channel = chosen !== null && problems[chosen] === null ? chosen : (usable[0] ?? 'sms');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const pending = useRef<{ words: string; requestId: string } | null>(null);

  const validate = useCallback(
    () =>
      validationProblem({
        text:
          text.trim() === ''
            ? 'Write your reply.'
            : channel === 'sms' && text.length > MAX_SMS_ANSWER && `Shorten your reply to ${MAX_SMS_ANSWER.toLocaleString()} characters or fewer for a text.`,
      }),
    [text, channel],
  );

  const send = useCallback(async () => {
    setSent(null);
    const answer = { channel, text, ...(channel === 'email' ? { subject } : {}) };
    // The same words again (a double click, a retry after an error) are the same request; edited words are a new one.
    const words = JSON.stringify(answer);
    if (pending.current?.words !== words) {
      pending.current = { words, requestId: crypto.randomUUID() };
    }
    const queued = await sendConversationAnswer(clientId, { ...answer, requestId: pending.current.requestId });
    pending.current = null;
    setText('');
    setSubject('');
    setSent(`Reply sent to ${clientName} by ${channel === 'sms' ? 'text' : 'email'}. Its delivery shows in the conversation.`);
    onSent(queued.id);
  }, [clientId, clientName, channel, text, subject, onSent]);

  const { problem, isSubmitting, onSubmit } = useFormSubmit(send, validate);
  const channelErrors = errorsFor(problem, 'channel');
  const tooLong = channel === 'sms' && text.length > MAX_SMS_ANSWER;

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide answer-form" aria-label={`Reply to ${clientName}`}>
      <ErrorSummary problem={problem} fields={{ ...FIELDS, channel: { ...FIELDS.channel, id: `${FIELDS.channel.id}-${channel}` } }} />
      <fieldset
        className={channelErrors.length > 0 ? 'fieldset field--invalid' : 'fieldset'}
        aria-describedby={describedBy(channelErrors.length > 0 && `${FIELDS.channel.id}-error`)}
      >
        <legend className="fieldset__legend">{FIELDS.channel.label}</legend>
        <FieldErrorMessages id={`${FIELDS.channel.id}-error`} errors={channelErrors} />
        {REPLY_CHANNELS.map((option) => {
          const why = problems[option];
          const hintId = `${FIELDS.channel.id}-${option}-hint`;
          return (
            <div key={option} className="answer-form__channel">
              <label className="checkbox">
                <input
                  id={`${FIELDS.channel.id}-${option}`}
                  type="radio"
                  name={FIELDS.channel.id}
                  value={option}
                  checked={channel === option}
                  disabled={why !== null}
                  aria-describedby={why !== null ? hintId : undefined}
                  onChange={() => setChosen(option)}
                />
                <span>{channelText(option)}</span>
              </label>
              {why !== null && (
                <p id={hintId} className="field__hint answer-form__channel-hint">
                  Cannot be used: {why}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      {channel === 'email' && (
        <TextField
          {...FIELDS.subject}
          value={subject}
          onChange={setSubject}
          required={false}
          hint={`Left empty, it is “A message from ${businessName}”.`}
          errors={errorsFor(problem, 'subject')}
        />
      )}
      <FormField {...FIELDS.text} errors={errorsFor(problem, 'text')} describedBy={[channel === 'sms' && LENGTH_ID]}>
        {(control) => (
          <textarea {...control} name={FIELDS.text.id} value={text} rows={4} spellCheck className="field__input" onChange={(event) => setText(event.target.value)} />
        )}
      </FormField>
      {channel === 'sms' && (
        <p id={LENGTH_ID} className={tooLong ? 'field__error' : 'field__hint'}>
          {text.length.toLocaleString()} of {MAX_SMS_ANSWER.toLocaleString()} characters
        </p>
      )}
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Send reply'}
      </button>
      <LiveNotice message={sent} />
    </form>
  );
}
