import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Appointment, AppointmentDetails } from '../api/appointments';
import { ClientPicker, type ChosenClient } from '../components/ClientPicker';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { SelectField } from '../forms/SelectField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { addHour, datePart, joinLocal, timePart, todayIn } from '../lib/localTime';
import { timeZoneOptions } from '../lib/placeOptions';
import { AppointmentSource, sourceKindText } from './AppointmentSource';

/** API field name → the input that shows it; "start" errors sit by the start time, the date is checked here only. */
const FIELDS = {
  clientId: { id: 'appointment-client', label: 'Client' },
  date: { id: 'appointment-date', label: 'Date' },
  start: { id: 'appointment-start', label: 'Start time' },
  end: { id: 'appointment-end', label: 'End time' },
  timeZone: { id: 'appointment-time-zone', label: 'Time zone' },
  title: { id: 'appointment-title', label: 'Title' },
  location: { id: 'appointment-location', label: 'Location' },
  notes: { id: 'appointment-notes', label: 'Notes' },
};

interface AppointmentFormProps {
  initial?: Appointment;
  /** A new appointment's client, chosen already. */
  client?: ChosenClient | undefined;
  /** The account's time zone, from /api/me: new appointments start in it. */
  accountTimeZone: string;
  submitLabel: string;
  submittingLabel: string;
  onSave: (details: AppointmentDetails) => Promise<void>;
}

export function AppointmentForm({ initial, client: preselected, accountTimeZone, submitLabel, submittingLabel, onSave }: AppointmentFormProps) {
  const [client, setClient] = useState<ChosenClient | null>(initial === undefined ? (preselected ?? null) : { id: initial.clientId, name: initial.clientName });
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? accountTimeZone);
  const [date, setDate] = useState(initial === undefined ? todayIn(accountTimeZone) : datePart(initial.start));
  const [startTime, setStartTime] = useState(initial === undefined ? '' : timePart(initial.start));
  const [endTime, setEndTime] = useState(initial === undefined ? '' : timePart(initial.end));
  // The end follows the start (one hour on) until the owner sets it themselves.
  const [endFollowsStart, setEndFollowsStart] = useState(initial === undefined || timePart(initial.end) === addHour(timePart(initial.start)));
  const [title, setTitle] = useState(initial?.title ?? '');
  const [location, setLocation] = useState(initial?.location ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const timeZones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);
  // A calendar's appointment follows its event: time, title and location change there, the client and notes here.
  const calendar = initial?.source ?? null;

  const changeStart = (value: string) => {
    setStartTime(value);
    if (endFollowsStart) {
      setEndTime(addHour(value));
    }
  };
  const changeEnd = (value: string) => {
    setEndTime(value);
    setEndFollowsStart(false);
  };

  const validate = useCallback(
    () =>
      validationProblem({
        clientId: client === null && 'Choose the client this appointment is with.',
        date: date === '' && 'Enter the date of the appointment.',
        start: startTime === '' && 'Enter the time it starts.',
        end: endTime === '' && 'Enter the time it ends.',
        title: title.trim() === '' && 'Enter a title, like “Haircut” or “Follow-up session”.',
      }),
    [client, date, startTime, endTime, title],
  );
  const submit = useCallback(
    () =>
      onSave({
        clientId: client?.id ?? '',
        start: joinLocal(date, startTime),
        end: joinLocal(date, endTime),
        timeZone,
        title,
        location,
        notes,
      }),
    [client, date, startTime, endTime, timeZone, title, location, notes, onSave],
  );
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <ClientPicker id={FIELDS.clientId.id} chosen={client} onChoose={setClient} errors={errorsFor(problem, 'clientId')} />
      {calendar !== null && initial !== undefined ? (
        <section className="calendar-owned" aria-labelledby="calendar-owned-heading">
          <h3 id="calendar-owned-heading">Change this in {sourceKindText(calendar.kind)}</h3>
          <p>
            The time, title and location come from the event, and follow it when it changes. <AppointmentSource source={calendar} />
          </p>
          <dl className="details-list">
            <dt>When</dt>
            <dd>
              {date} {startTime}–{endTime} ({timeZone.replaceAll('_', ' ')})
            </dd>
            <dt>Title</dt>
            <dd dir="auto">{title}</dd>
            <dt>Location</dt>
            <dd dir="auto">{location === '' ? 'None' : location}</dd>
          </dl>
        </section>
      ) : (
        <>
          <TextField {...FIELDS.date} type="date" value={date} onChange={setDate} errors={errorsFor(problem, 'date')} />
          <div className="field-pair">
            <TextField {...FIELDS.start} type="time" value={startTime} onChange={changeStart} errors={errorsFor(problem, 'start')} />
            <TextField
              {...FIELDS.end}
              type="time"
              value={endTime}
              onChange={changeEnd}
              hint="An hour after the start unless you change it."
              errors={errorsFor(problem, 'end')}
            />
          </div>
          <SelectField
            {...FIELDS.timeZone}
            value={timeZone}
            options={timeZones}
            onChange={setTimeZone}
            hint={`The date and times are in this zone. Your account’s is ${accountTimeZone.replaceAll('_', ' ')}.`}
            errors={errorsFor(problem, 'timeZone')}
          />
          <TextField
            {...FIELDS.title}
            value={title}
            onChange={setTitle}
            autoComplete="off"
            hint="Reminders mention it only if you allow that on the Reminders page."
            errors={errorsFor(problem, 'title')}
          />
          <TextField {...FIELDS.location} value={location} onChange={setLocation} autoComplete="off" required={false} errors={errorsFor(problem, 'location')} />
        </>
      )}
      <TextField
        {...FIELDS.notes}
        value={notes}
        onChange={setNotes}
        multiline
        required={false}
        hint="For you. Reminders include them (as the description) only if you allow that."
        errors={errorsFor(problem, 'notes')}
      />
      <p className="form-aside">
        Reminders follow your rules on the <Link to="/reminders">Reminders</Link> page; moving the appointment moves them too.
      </p>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? submittingLabel : submitLabel}
      </button>
    </form>
  );
}
