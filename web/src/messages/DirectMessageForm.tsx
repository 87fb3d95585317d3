import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { DIRECT_PLACEHOLDERS, DIRECT_TEMPLATES, MAX_DIRECT_TEXT, previewDirectMessage, sendDirectMessage, type DirectChannel, type DirectMessage, type DirectMessagePreview } from '../api/directMessages';
import { PlaceholderButtons } from '../components/PlaceholderButtons';
import { TemplateField } from '../components/TemplateField';
import { useInsertAtCursor } from '../components/useInsertAtCursor';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, problemFrom, validationProblem } from '../forms/formProblem';
import { SelectField } from '../forms/SelectField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { plural } from '../lib/historyText';
import { DirectPreview } from './DirectPreview';
import { useDirectPreview } from './useDirectPreview';

const FIELDS = {
  clientIds: { id: 'direct-recipients', label: 'To' },
  channel: { id: 'direct-channel-sms', label: 'Send by' },
  subject: { id: 'direct-subject', label: 'Subject' },
  text: { id: 'direct-text', label: 'Message' },
};
const PREVIEW_ID = 'direct-preview';
const LENGTH_ID = 'direct-text-length';

const CHANNELS: { value: DirectChannel; label: string; hint: string }[] = [
  { value: 'sms', label: 'SMS', hint: 'Clients without a mobile number are skipped.' },
  { value: 'email', label: 'Email', hint: 'Clients without an email address are skipped.' },
  { value: 'sms-or-email', label: 'SMS, or email if there is no mobile number', hint: 'Each client gets one message.' },
];

export interface SentMessage {
  queued: number;
}

interface DirectMessageFormProps {
  clientIds: readonly string[];
  onSent: (sent: SentMessage) => void;
}

/** Compose, see who gets it and what it costs, confirm, send. Nothing is sent before the owner confirms. */
export function DirectMessageForm({ clientIds, onSent }: DirectMessageFormProps) {
  const [channel, setChannel] = useState<DirectChannel>('sms');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState<DirectMessagePreview | null>(null);
  const { ref, insert } = useInsertAtCursor(text, setText);
  const continueRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const previewState = useDirectPreview(clientIds, channel, text, subject);
  const sendsEmail = channel !== 'sms';

  const message = useCallback(
    (): DirectMessage => ({ clientIds: [...clientIds], channel, text, ...(sendsEmail ? { subject: subject.trim() } : {}) }),
    [clientIds, channel, text, subject, sendsEmail],
  );

  const validate = useCallback(
    () =>
      validationProblem({
        text: text.trim() === '' ? 'Write the message.' : text.length > MAX_DIRECT_TEXT && `Shorten the message to ${MAX_DIRECT_TEXT.toLocaleString()} characters or fewer.`,
        subject: channel === 'email' && subject.trim() === '' && 'Write a subject for the email.',
      }),
    [text, subject, channel],
  );

  const [template, setTemplate] = useState('');
  // The ready-made message the subject came from, so a rewritten text is not sent under its old subject unnoticed.
  const [subjectFrom, setSubjectFrom] = useState<(typeof DIRECT_TEMPLATES)[number] | null>(null);
  const chosenTemplate = DIRECT_TEMPLATES.find((t) => t.id === template);
  if (chosenTemplate !== undefined && text !== chosenTemplate.text) {
    setTemplate('');
  }
  const staleSubject = subjectFrom !== null && subject === subjectFrom.subject && text !== subjectFrom.text;
  const chooseTemplate = useCallback((id: string) => {
    setTemplate(id);
    const chosen = DIRECT_TEMPLATES.find((t) => t.id === id);
    if (chosen !== undefined) {
      setText(chosen.text);
      setSubject(chosen.subject);
      setSubjectFrom(chosen);
    }
  }, []);
  // Answering the question twice (a double click, a retry) sends once: the id names this confirmation.
  const requestId = useRef<string | null>(null);
  // "Continue" checks the message with the server, then asks before sending.
  const review = useCallback(async () => {
    setConfirming(null);
    const preview = await previewDirectMessage(message());
    if (preview.recipients === 0) {
      throw new ApiError('None of these clients can get this message: see who is skipped and why in the preview.', 400, 'http');
    }
    requestId.current = crypto.randomUUID();
    setConfirming(preview);
  }, [message]);
  const { problem, isSubmitting, onSubmit, setProblem } = useFormSubmit(review, validate);

  // Editing the message after the question was asked asks again.
  useEffect(() => {
    wasConfirming.current = false;
    setConfirming(null);
  }, [channel, subject, text]);
  // When the question closes without sending, the keyboard goes back to "Continue".
  useEffect(() => {
    if (confirming === null && wasConfirming.current) {
      continueRef.current?.focus();
    }
    wasConfirming.current = confirming !== null;
  }, [confirming]);

  const send = useCallback(async () => {
    try {
      const queued = await sendDirectMessage({ ...message(), requestId: requestId.current ?? crypto.randomUUID() });
      onSent({ queued: queued.queued > 0 ? queued.queued : (confirming?.recipients ?? 0) });
    } catch (error) {
      // The error summary takes focus, not "Continue".
      wasConfirming.current = false;
      setConfirming(null);
      setProblem(problemFrom(error));
    }
  }, [message, onSent, setProblem, confirming]);

  const liveTextErrors = problem === null ? (previewState.fieldErrors.text ?? []) : [];
  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide direct-form" aria-label="Direct message">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Send by</legend>
        {CHANNELS.map((option) => (
          <div key={option.value} className="direct-form__channel">
            <label className="checkbox">
              <input
                id={`direct-channel-${option.value}`}
                type="radio"
                name="direct-channel"
                value={option.value}
                checked={channel === option.value}
                aria-describedby={`direct-channel-${option.value}-hint`}
                onChange={() => setChannel(option.value)}
              />
              <span>{option.label}</span>
            </label>
            <p id={`direct-channel-${option.value}-hint`} className="field__hint direct-form__channel-hint">
              {option.hint}
            </p>
          </div>
        ))}
      </fieldset>
      {sendsEmail && (
        <TextField
          {...FIELDS.subject}
          value={subject}
          onChange={setSubject}
          required={channel === 'email'}
          {...(staleSubject
            ? { hint: `This subject came with the ready-made “${subjectFrom.label}” message: check it still fits what you wrote.` }
            : channel === 'sms-or-email'
              ? { hint: 'For the clients who get an email.' }
              : {})}
          errors={errorsFor(problem, 'subject')}
        />
      )}
      <SelectField
        id="direct-template"
        label="Start from"
        value={template}
        required={false}
        options={[{ value: '', label: 'Your own words' }, ...DIRECT_TEMPLATES.map((t) => ({ value: t.id, label: t.label }))]}
        hint="A ready-made message to edit as you like; choosing one replaces the text."
        onChange={chooseTemplate}
      />
      <PlaceholderButtons target="the message" onInsert={insert} placeholders={DIRECT_PLACEHOLDERS} filledFor="each client" withLiterals={false} />
      <TemplateField
        {...FIELDS.text}
        value={text}
        onChange={setText}
        inputRef={ref}
        rows={5}
        errors={[...errorsFor(problem, 'text'), ...liveTextErrors]}
        describedByIds={[LENGTH_ID, PREVIEW_ID]}
      />
      <p id={LENGTH_ID} className={text.length > MAX_DIRECT_TEXT ? 'field__error' : 'field__hint'}>
        {text.length.toLocaleString()} of {MAX_DIRECT_TEXT.toLocaleString()} characters
      </p>
      <DirectPreview id={PREVIEW_ID} state={previewState} channel={channel} hasText={text.trim() !== ''} />
      {confirming === null ? (
        <div className="button-row">
          <button ref={continueRef} type="submit" className="button" disabled={isSubmitting}>
            {isSubmitting ? 'Checking…' : 'Continue'}
          </button>
          <Link to="/clients" className="button button--link button--secondary">
            Change who gets it
          </Link>
        </div>
      ) : (
        <SendQuestion preview={confirming} channel={channel} onSend={send} onCancel={() => setConfirming(null)} />
      )}
    </form>
  );
}

/** "Send to 2 clients, about 2 SMS segments?" */
export function sendQuestion(preview: DirectMessagePreview, channel: DirectChannel): string {
  const clients = plural(preview.recipients, 'client', 'clients');
  if (channel === 'email' || preview.sms === null || preview.sms.totalSegments === 0) {
    return `Send to ${clients}${channel === 'email' ? ' by email' : ''}?`;
  }
  return `Send to ${clients}, about ${plural(preview.sms.totalSegments, 'SMS segment', 'SMS segments')}?`;
}

interface SendQuestionProps {
  preview: DirectMessagePreview;
  channel: DirectChannel;
  onSend: () => Promise<void>;
  onCancel: () => void;
}

/** Asked in place; focus moves to the question, and back to "Continue" when the owner changes their mind. */
function SendQuestion({ preview, channel, onSend, onCancel }: SendQuestionProps) {
  const [isSending, setIsSending] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => questionRef.current?.focus(), []);

  const send = async () => {
    setIsSending(true);
    try {
      await onSend();
    } finally {
      setIsSending(false);
    }
  };

  return (
    <div
      role="group"
      aria-labelledby="direct-send-question"
      className="confirm-step"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !isSending) {
          onCancel();
        }
      }}
    >
      <p id="direct-send-question" ref={questionRef} tabIndex={-1} className="confirm-step__question">
        {sendQuestion(preview, channel)}
      </p>
      {preview.samples.length > 0 && (
        <div className="direct-samples">
          <p>Exactly what they get, each with their own name{preview.samples.length > 1 ? ', for example' : ''}:</p>
          {preview.samples.map((sample) => (
            <figure key={sample.channel} className="card direct-sample" aria-labelledby={`direct-sample-${sample.channel}`}>
              <figcaption id={`direct-sample-${sample.channel}`} className="direct-sample__caption">
                {sample.channel === 'sms' ? 'Text message' : 'Email'} to <span dir="auto">{sample.clientName}</span>
              </figcaption>
              {sample.subject !== null && (
                <p className="direct-sample__subject">
                  <strong>Subject:</strong> {sample.subject}
                </p>
              )}
              <p className="direct-sample__text">{sample.text}</p>
            </figure>
          ))}
        </div>
      )}
      {preview.skipped.length > 0 && (
        <p>{plural(preview.skipped.length, 'client is', 'clients are')} skipped, as the preview shows.</p>
      )}
      <div className="confirm-step__buttons">
        <button type="button" className="button" disabled={isSending} onClick={() => void send()}>
          {isSending ? 'Sending…' : 'Yes, send'}
        </button>
        <button type="button" className="button button--secondary" disabled={isSending} onClick={onCancel}>
          Not yet
        </button>
      </div>
    </div>
  );
}
