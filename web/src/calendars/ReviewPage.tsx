import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { assignReviewItem, ignoreReviewItem, listReviewItems, type ReviewItem, type ReviewScope } from '../api/calendars';
import { useApiData } from '../api/useApiData';
import { ClientPicker, type ChosenClient } from '../components/ClientPicker';
import { LoadProblem } from '../components/LoadProblem';
import { useReviewCount } from '../components/reviewCount';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { useFormSubmit } from '../forms/useFormSubmit';
import { timeRange } from '../lib/appointmentDays';
import { datePart, formatDay } from '../lib/localTime';
import { Page } from '../pages/Page';
import { CalendarNotice, errorNotice, successNotice, type NoticeMessage } from './CalendarNotice';

export function ReviewPage() {
  const { data, error, isLoading, reload } = useApiData((signal) => listReviewItems({ signal }), []);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const { setCount } = useReviewCount();

  useEffect(() => {
    if (data !== null) {
      setCount(data.length);
    }
  }, [data, setCount]);

  const answered = useCallback(
    (next: NoticeMessage) => {
      setNotice(next);
      reload();
    },
    [reload],
  );

  return (
    <Page
      title="Calendar events to review"
      intro="These events in your calendars match no client, or more than one, so they get no reminders. Assign each to a client, or ignore it."
    >
      <p>
        <Link to="/calendars">Back to calendars</Link>
      </p>
      <CalendarNotice notice={notice} />
      <LoadProblem message={error?.message ?? null} onRetry={reload} />
      {isLoading && data === null && <p className="muted">Loading the events to review…</p>}
      {data !== null && data.length === 0 && (
        <div className="empty-state">
          <p>Nothing to review.</p>
          <p className="muted">
            After each sync, events that match no client, or more than one, are listed here. To match more events on their own, add the client first
            or check the matching options on the <Link to="/calendars">Calendars</Link> page.
          </p>
        </div>
      )}
      {data !== null && data.length > 0 && (
        <ul className="review-list" aria-label="Events to review">
          {data.map((item) => (
            <ReviewCard key={item.id} item={item} onAnswered={answered} onProblem={setNotice} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function ReviewCard({ item, onAnswered, onProblem }: { item: ReviewItem; onAnswered: (notice: NoticeMessage) => void; onProblem: (notice: NoticeMessage) => void }) {
  const [isAssigning, setIsAssigning] = useState(false);
  const assignButton = useRef<HTMLButtonElement>(null);
  const [busyScope, setBusyScope] = useState<ReviewScope | null>(null);
  const subject = subjectText(item);
  const when = `${formatDay(datePart(item.start))}, ${timeRange(item)}`;

  const ignore = async (scope: ReviewScope) => {
    setBusyScope(scope);
    try {
      await ignoreReviewItem(item.id, scope);
      onAnswered(successNotice(scope === 'series' ? `Every event in the series “${subject}” is ignored.` : `“${subject}” on ${when} is ignored.`));
    } catch (error) {
      setBusyScope(null);
      onProblem(errorNotice(error));
    }
  };

  return (
    <li className="card review-item">
      <h2 className="review-item__subject" dir="auto">
        {subject}
      </h2>
      <dl className="fact-list review-item__facts">
        <div>
          <dt>When</dt>
          <dd>
            {when} <span className="muted">({item.timeZone.replaceAll('_', ' ')})</span>
            {item.recurring && <span className="muted">, one of a recurring series</span>}
          </dd>
        </div>
        <div>
          <dt>Calendar</dt>
          <dd dir="auto">{item.calendarName}</dd>
        </div>
        {item.location !== null && (
          <div>
            <dt>Where</dt>
            <dd dir="auto">{item.location}</dd>
          </div>
        )}
        <div>
          <dt>Why it is here</dt>
          <dd>{reasonText(item)}</dd>
        </div>
      </dl>
      {item.webLink !== null && (
        <p>
          <a href={item.webLink} target="_blank" rel="noopener noreferrer">
            Open in Outlook<span className="visually-hidden">: {subject} (opens in a new tab)</span>
          </a>
        </p>
      )}
      {isAssigning ? (
        <AssignForm
          item={item}
          subject={subject}
          onAssigned={onAnswered}
          onCancel={() => {
            setIsAssigning(false);
            requestAnimationFrame(() => assignButton.current?.focus());
          }}
        />
      ) : (
        <div className="button-row">
          <button ref={assignButton} type="button" className="button" disabled={busyScope !== null} onClick={() => setIsAssigning(true)}>
            Assign to client…<span className="visually-hidden"> {subject}</span>
          </button>
          <button type="button" className="button button--secondary" disabled={busyScope !== null} onClick={() => void ignore('event')}>
            {busyScope === 'event' ? 'Ignoring…' : item.recurring ? 'Ignore this event' : 'Ignore'}
            <span className="visually-hidden"> {subject}</span>
          </button>
          {item.recurring && (
            <button type="button" className="button button--secondary" disabled={busyScope !== null} onClick={() => void ignore('series')}>
              {busyScope === 'series' ? 'Ignoring…' : 'Ignore the whole series'}
              <span className="visually-hidden"> {subject}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function AssignForm({ item, subject, onAssigned, onCancel }: { item: ReviewItem; subject: string; onAssigned: (notice: NoticeMessage) => void; onCancel: () => void }) {
  const id = useId();
  const pickerId = `${id}-client`;
  const [client, setClient] = useState<ChosenClient | null>(null);
  const [scope, setScope] = useState<ReviewScope>('event');

  const validate = useCallback(() => validationProblem({ clientId: client === null && 'Choose the client this appointment is with.' }), [client]);
  const assign = useCallback(async () => {
    if (client === null) {
      return;
    }
    const appointments = await assignReviewItem(item.id, client.id, item.recurring ? scope : 'event');
    onAssigned(
      successNotice(
        `“${subject}” is assigned to ${client.name}: ${appointments} ${appointments === 1 ? 'appointment' : 'appointments'} added, with reminders.`,
      ),
    );
  }, [client, item.id, item.recurring, scope, subject, onAssigned]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(assign, validate);

  useEffect(() => {
    document.getElementById(pickerId)?.focus();
  }, [pickerId]);

  return (
    <form className="form form--wide review-item__form" aria-label={`Assign “${subject}” to a client`} onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={problem} fields={{ clientId: { id: pickerId, label: 'Find a client' }, scope: { id: `${id}-event`, label: 'Which events' } }} />
      {item.candidates.length > 1 && (
        <p className="field__hint">It could be {item.candidates.map((candidate) => candidate.name).join(' or ')}: their details below tell them apart.</p>
      )}
      <ClientPicker id={pickerId} chosen={client} onChoose={setClient} errors={errorsFor(problem, 'clientId')} />
      {item.recurring && (
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Which events</legend>
          <label className="checkbox" htmlFor={`${id}-event`}>
            <input id={`${id}-event`} type="radio" name={`${id}-scope`} checked={scope === 'event'} onChange={() => setScope('event')} />
            <span>Only this one, on {formatDay(datePart(item.start))}</span>
          </label>
          <label className="checkbox" htmlFor={`${id}-series`}>
            <input id={`${id}-series`} type="radio" name={`${id}-scope`} checked={scope === 'series'} onChange={() => setScope('series')} />
            <span>Every event in the series</span>
          </label>
        </fieldset>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Assigning…' : 'Assign'}
        </button>
        <button type="button" className="button button--secondary" disabled={isSubmitting} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function subjectText(item: ReviewItem): string {
  return item.subject.trim() === '' ? '(no title)' : item.subject;
}

function reasonText(item: ReviewItem): string {
  if (item.reason === 'ambiguous') {
    const names = item.candidates.map((candidate) => candidate.name);
    return names.length === 0 ? 'It matches more than one client.' : `It matches more than one client: ${names.join(', ')}.`;
  }
  return 'It matches none of your clients.';
}
