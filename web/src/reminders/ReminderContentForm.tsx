import { useCallback, useState } from 'react';
import { getReminderContent, saveReminderContent, type ReminderContent } from '../api/reminders';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

type Choice = 'includeTitle' | 'includeLocation' | 'includeDescription';

const CHOICES: { key: Choice; id: string; label: string }[] = [
  { key: 'includeTitle', id: 'include-title', label: 'The appointment’s title ({Title})' },
  { key: 'includeLocation', id: 'include-location', label: 'Its location ({Location})' },
  { key: 'includeDescription', id: 'include-description', label: 'Its notes ({Description})' },
];

export function ReminderContentSection() {
  const { data, error } = useApiData((signal) => getReminderContent({ signal }), []);
  return (
    <>
      <p>
        This is a privacy choice. Texts and emails can be read by anyone who sees the client’s phone or inbox, so a title like
        “Fertility consultation” or a clinic’s address can say more than the client would like. Tick only what is safe for
        anyone to see; when a box is not ticked, reminders leave that detail out.
      </p>
      {error !== null && (
        <Notice as="p" role="alert" tone="error">
          {error.message}
        </Notice>
      )}
      {data === null && error === null && <p role="status">Loading…</p>}
      {data !== null && <ReminderContentForm initial={data} />}
    </>
  );
}

const WORD_FIELDS = {
  confirmKeywords: { id: 'confirm-keywords', label: 'Replies that confirm' },
  cancelKeywords: { id: 'cancel-keywords', label: 'Replies that ask to cancel' },
};

const asList = (text: string) =>
  text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');

function ReminderContentForm({ initial }: { initial: ReminderContent }) {
  const [content, setContent] = useState(initial);
  const [confirmWords, setConfirmWords] = useState(initial.confirmKeywords.join(', '));
  const [cancelWords, setCancelWords] = useState(initial.cancelKeywords.join(', '));
  const [saved, setSaved] = useState<string | null>(null);
  const validate = useCallback(
    () =>
      validationProblem({
        confirmKeywords: asList(confirmWords).length === 0 && 'Give at least one word clients can reply to confirm.',
        cancelKeywords: asList(cancelWords).length === 0 && 'Give at least one word clients can reply to ask to cancel.',
      }),
    [confirmWords, cancelWords],
  );
  const submit = useCallback(async () => {
    setSaved(null);
    const stored = await saveReminderContent({ ...content, confirmKeywords: asList(confirmWords), cancelKeywords: asList(cancelWords) });
    setContent(stored);
    setConfirmWords(stored.confirmKeywords.join(', '));
    setCancelWords(stored.cancelKeywords.join(', '));
    setSaved('Saved: reminders include only what you ticked, and replies use your words.');
  }, [content, confirmWords, cancelWords]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={WORD_FIELDS} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Reminders may include</legend>
        {CHOICES.map(({ key, id, label }) => (
          <div key={key} className="checkbox">
            <input
              id={id}
              type="checkbox"
              checked={content[key]}
              onChange={(event) => setContent((current) => ({ ...current, [key]: event.target.checked }))}
            />
            <label htmlFor={id}>{label}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Clients can reply by text</legend>
        <p className="form-aside">
          Separate words with commas; case and spaces do not matter. Text reminders end with {'{ConfirmHint}'}, which names the
          first word of each list. STOP, START and HELP always keep their meaning.
        </p>
        <TextField {...WORD_FIELDS.confirmKeywords} value={confirmWords} onChange={setConfirmWords} autoComplete="off" errors={errorsFor(problem, 'confirmKeywords')} />
        <TextField {...WORD_FIELDS.cancelKeywords} value={cancelWords} onChange={setCancelWords} autoComplete="off" errors={errorsFor(problem, 'cancelKeywords')} />
      </fieldset>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save choices'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}
