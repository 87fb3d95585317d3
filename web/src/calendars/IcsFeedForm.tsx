import { useCallback, useState } from 'react';
import { DEFAULT_MATCHING, MATCHING_KEYS, type IcsFeed, type MatchingSettings } from '../api/icsFeeds';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';

export interface IcsFeedDetails {
  name: string;
  /** Blank when changing a feed means "keep the address". */
  url: string;
  matching: MatchingSettings;
}

const MATCHING_LABELS: Record<keyof MatchingSettings, string> = {
  matchAttendeeEmail: 'Match a client by an attendee’s email address',
  matchNameInSubject: 'Match a client by their full name in the event’s title',
  matchContactInText: 'Match a client by a mobile number or email typed in the event',
  createClients: 'Add a new client from a number or email typed in the event',
  includeAllDay: 'Include all-day events',
  includeFree: 'Include events shown as free',
};

interface IcsFeedFormProps {
  /** The feed being changed; a new feed when absent. */
  initial?: IcsFeed;
  onSave: (details: IcsFeedDetails) => Promise<void>;
  onCancel: () => void;
}

/** Adding a feed (name and private address) or changing one (name, matching, and optionally a new address). */
export function IcsFeedForm({ initial, onSave, onCancel }: IcsFeedFormProps) {
  const prefix = initial === undefined ? 'ics-new' : `ics-${initial.id}`;
  const fields = {
    name: { id: `${prefix}-name`, label: 'Calendar name' },
    url: { id: `${prefix}-url`, label: initial === undefined ? 'Private address' : 'New private address' },
  };
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState('');
  const [matching, setMatching] = useState<MatchingSettings>(initial?.matching ?? DEFAULT_MATCHING);

  const validate = useCallback(
    () =>
      validationProblem({
        name: name.trim() === '' && 'Give the calendar a name, such as “Salon diary”.',
        url: initial === undefined && url.trim() === '' && 'Paste the calendar’s private address; it starts with https:// or webcal://.',
      }),
    [initial, name, url],
  );
  const submit = useCallback(() => onSave({ name, url, matching }), [onSave, name, url, matching]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide" aria-label={initial === undefined ? 'Add a calendar by its address' : `Change ${initial.name}`}>
      <ErrorSummary problem={problem} fields={fields} />
      <TextField id={fields.name.id} label={fields.name.label} value={name} onChange={setName} errors={errorsFor(problem, 'name')} autoComplete="off" />
      <TextField
        id={fields.url.id}
        label={fields.url.label}
        value={url}
        onChange={setUrl}
        required={initial === undefined}
        autoComplete="off"
        hint={
          initial === undefined
            ? 'Use a private (secret) address, never a public calendar: client names must not be visible to anyone. In Google Calendar: Settings → your calendar → “Secret address in iCal format”. In a booking or practice system: its “calendar feed” or “iCal sync” link.'
            : `Now ${initial.address} Leave this empty to keep it; paste a new one if you reset the address.`
        }
        errors={errorsFor(problem, 'url')}
      />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Matching events to clients</legend>
        {MATCHING_KEYS.map((key) => (
          <div key={key} className="checkbox">
            <input
              id={`${prefix}-${key}`}
              type="checkbox"
              checked={matching[key]}
              onChange={(event) => setMatching((current) => ({ ...current, [key]: event.target.checked }))}
            />
            <label htmlFor={`${prefix}-${key}`}>{MATCHING_LABELS[key]}</label>
          </div>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : initial === undefined ? 'Add calendar' : 'Save changes'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}
