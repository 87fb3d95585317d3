import { useCallback, useState } from 'react';
import { getReminderContent, saveReminderContent, type ReminderContent } from '../api';
import { useApiData } from '../api/useApiData';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useFormSubmit } from '../forms/useFormSubmit';
import { SavedNotice } from '../settings/SettingsSection';

const CHOICES: { key: keyof ReminderContent; id: string; label: string }[] = [
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
        <p role="alert" className="notice notice--error">
          {error.message}
        </p>
      )}
      {data === null && error === null && <p role="status">Loading…</p>}
      {data !== null && <ReminderContentForm initial={data} />}
    </>
  );
}

function ReminderContentForm({ initial }: { initial: ReminderContent }) {
  const [content, setContent] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useCallback(async () => {
    setSaved(null);
    setContent(await saveReminderContent(content));
    setSaved('Saved: reminders include only what you ticked.');
  }, [content]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={{}} />
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
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save choices'}
      </button>
      <SavedNotice message={saved} />
    </form>
  );
}
