import { useCallback, useId, useState } from 'react';
import { setLookAheadDays, type CalendarConnection } from '../api/calendars';
import { FormField } from '../components/FormField';
import { LiveNotice } from '../components/LiveNotice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { useFormSubmit } from '../forms/useFormSubmit';

const MAX_DAYS = 90;

export function LookAheadForm({ connection, onSaved }: { connection: CalendarConnection; onSaved: (connection: CalendarConnection) => void }) {
  const id = useId();
  const [days, setDays] = useState(String(connection.lookAheadDays));
  const [saved, setSaved] = useState<string | null>(null);

  const validate = useCallback(() => {
    const value = Number(days.trim());
    return validationProblem({
      lookAheadDays: (!/^\d+$/.test(days.trim()) || value < 1 || value > MAX_DAYS) && `Enter a whole number of days from 1 to ${MAX_DAYS}.`,
    });
  }, [days]);
  const save = useCallback(async () => {
    setSaved(null);
    const updated = await setLookAheadDays(connection.id, Number(days.trim()));
    setSaved(`Events up to ${updated.lookAheadDays} ${updated.lookAheadDays === 1 ? 'day' : 'days'} ahead are read from ${updated.mailbox}.`);
    onSaved(updated);
  }, [connection.id, days, onSaved]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(save, validate);
  const errors = errorsFor(problem, 'lookAheadDays');
  const inputId = `${id}-days`;

  return (
    <form className="form look-ahead-form" aria-label={`How far ahead to read ${connection.mailbox}`} onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={problem} fields={{ lookAheadDays: { id: inputId, label: 'Days ahead' } }} />
      <FormField
        id={inputId}
        label="Days ahead"
        hint={`From 1 to ${MAX_DAYS}. Events further ahead come in as the days pass.`}
        hintId={`${id}-hint`}
        errors={errors}
        errorId={`${id}-error`}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_DAYS}
            step={1}
            value={days}
            required
            className="field__input field__input--short"
            onChange={(event) => setDays(event.target.value)}
          />
        )}
      </FormField>
      <div className="button-row">
        <button type="submit" className="button button--secondary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save days ahead'}
        </button>
      </div>
      <LiveNotice message={saved} />
    </form>
  );
}
