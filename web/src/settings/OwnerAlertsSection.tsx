import { useCallback, useState } from 'react';
import { ALERT_INTERVALS, getAlertSettings, saveAlertSettings, type AlertKind, type AlertSettings } from '../api/alerts';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { describedBy, FieldErrorMessages } from '../forms/FieldMessages';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor } from '../forms/formProblem';
import { SelectField } from '../forms/SelectField';
import { useFormSubmit } from '../forms/useFormSubmit';

const KINDS: readonly { kind: AlertKind; label: string; saved: string }[] = [
  { kind: 'rearrange', label: 'Rearrange requests', saved: 'rearrange requests' },
  { kind: 'cancellation', label: 'Cancellations', saved: 'cancellations' },
  { kind: 'freeText', label: 'Messages that need an answer', saved: 'messages that need an answer' },
  { kind: 'stop', label: 'STOP (opt-outs)', saved: 'opt-outs' },
  { kind: 'confirmation', label: 'Confirmations', saved: 'confirmations' },
];

/** Each interval the server takes: its choice in the list, and how the saved message says it. */
const INTERVALS: Record<number, { label: string; often: string }> = {
  5: { label: '5 min', often: 'once every 5 minutes' },
  15: { label: '15 min', often: 'once every 15 minutes' },
  30: { label: '30 min', often: 'once every 30 minutes' },
  60: { label: '1 hour', often: 'once an hour' },
  240: { label: '4 hours', often: 'once every 4 hours' },
  1440: { label: 'once a day', often: 'once a day' },
};
const INTERVAL_OPTIONS = ALERT_INTERVALS.map((minutes) => ({ value: String(minutes), label: INTERVALS[minutes]?.label ?? `${minutes} min` }));

const KIND_ID = (kind: AlertKind) => `alert-${kind}`;
const EVERY_ID = 'alert-every';
const FIELDS = {
  ...Object.fromEntries(KINDS.map(({ kind, label }) => [kind, { id: KIND_ID(kind), label }])),
  everyMinutes: { id: EVERY_ID, label: 'Email me at most every' },
};

/** Which client replies email the owner, and how often at most: one email lists everything since the last. */
export function OwnerAlertsSection({ email }: { email: string }) {
  const { data, error } = useApiData((signal) => getAlertSettings({ signal }), []);
  if (error !== null) {
    return (
      <Notice as="p" role="alert" tone="error">
        {error.message}
      </Notice>
    );
  }
  return data === null ? <p role="status">Loading owner alerts…</p> : <OwnerAlertsForm initial={data} email={email} />;
}

function OwnerAlertsForm({ initial, email }: { initial: AlertSettings; email: string }) {
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useCallback(async () => {
    setSaved(null);
    const stored = await saveAlertSettings(settings);
    setSettings(stored);
    setSaved(savedText(stored));
  }, [settings]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit);
  const kindErrors = KINDS.flatMap(({ kind }) => errorsFor(problem, kind));

  return (
    <form noValidate onSubmit={onSubmit} className="form owner-alerts" aria-label="Owner alerts">
      <p>
        We email you at {email} when a client’s reply needs you, so you can answer in Conversations. Replies that come in close
        together share one email.
      </p>
      <ErrorSummary problem={problem} fields={FIELDS} />
      <fieldset
        className={kindErrors.length > 0 ? 'fieldset field--invalid' : 'fieldset'}
        aria-describedby={describedBy(kindErrors.length > 0 && 'alert-kinds-error')}
      >
        <legend className="fieldset__legend">Email me about</legend>
        <FieldErrorMessages id="alert-kinds-error" errors={kindErrors} />
        {KINDS.map(({ kind, label }) => (
          <div key={kind} className="checkbox owner-alerts__kind">
            <input
              id={KIND_ID(kind)}
              type="checkbox"
              checked={settings[kind]}
              onChange={(event) => setSettings((current) => ({ ...current, [kind]: event.target.checked }))}
            />
            <label htmlFor={KIND_ID(kind)}>{label}</label>
          </div>
        ))}
      </fieldset>
      <SelectField
        id={EVERY_ID}
        label={FIELDS.everyMinutes.label}
        value={String(settings.everyMinutes)}
        options={INTERVAL_OPTIONS}
        hint="One email lists every reply since the last."
        errors={errorsFor(problem, 'everyMinutes')}
        onChange={(value) => setSettings((current) => ({ ...current, everyMinutes: Number(value) }))}
      />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save owner alerts'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}

function savedText(settings: AlertSettings): string {
  const kinds = KINDS.filter(({ kind }) => settings[kind]).map(({ saved }) => saved);
  if (kinds.length === 0) {
    return 'Saved: no alert emails. Replies still show in Conversations.';
  }
  const list = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
  return `Saved: you are emailed about ${list}, at most ${INTERVALS[settings.everyMinutes]?.often ?? `once every ${settings.everyMinutes} minutes`}.`;
}
