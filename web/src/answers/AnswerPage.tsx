import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { answerAppointment, getAnswerPage, type Answer, type AnswerPage as Appointment } from '../api/answers';
import { ApiError } from '../api/client';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { LoadProblem } from '../components/LoadProblem';
import { Notice } from '../components/Notice';
import { useShowBusiness } from '../layout/ClientLayout';
import { datePart, formatDay, formatTime, timePart } from '../lib/localTime';
import { Page } from '../pages/Page';

const CHOICES: { answer: Answer; label: string; done: string }[] = [
  { answer: 'confirm', label: 'Confirm', done: 'Thank you: your appointment is confirmed.' },
  { answer: 'cancel', label: 'Cancel', done: 'Thank you: the business has been asked to cancel your appointment.' },
  { answer: 'rearrange', label: 'I need to rearrange', done: 'Thank you: the business will be in touch to find another time.' },
];

/** Opened from the link in a reminder by the business's client: confirm, cancel or ask to rearrange in one tap, no sign-in. */
export function AnswerPage() {
  const { token = '' } = useParams();
  const loaded = useApiData((signal) => getAnswerPage(token, { signal }), [token]);
  const [answered, setAnswered] = useState<Appointment | null>(null);
  const [outcome, setOutcome] = useState<{ message: string; failed: boolean } | null>(null);
  const [sending, setSending] = useState<Answer | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const appointment = answered ?? loaded.data;

  const showBusiness = useShowBusiness();
  const business = appointment !== null && appointment.businessName !== '' ? appointment.businessName : null;
  useEffect(() => showBusiness(business), [showBusiness, business]);
  useEffect(() => {
    if (outcome !== null) {
      outcomeRef.current?.focus();
    }
  }, [outcome]);

  const answer = async (choice: (typeof CHOICES)[number]) => {
    setSending(choice.answer);
    setOutcome(null);
    try {
      setAnswered(await answerAppointment(token, choice.answer));
      setOutcome({ message: choice.done, failed: false });
    } catch (error) {
      setOutcome({ message: error instanceof ApiError ? error.message : 'Something went wrong. Please try again.', failed: true });
    } finally {
      setSending(null);
    }
  };

  return (
    <Page title="Your appointment">
      {loaded.isLoading && appointment === null && loaded.error === null && <p role="status">Checking your link…</p>}
      <LoadProblem message={loaded.error?.message ?? null} onRetry={loaded.error?.status === null ? loaded.reload : undefined} />
      {appointment !== null && (
        <>
          <AppointmentSummary appointment={appointment} />
          {appointment.status === 'scheduled' ? (
            <>
              <p id="answer-question">{appointment.answer === null ? 'Can you make it?' : 'Changed your mind? Choose again.'}</p>
              <div className="button-row answer__choices">
                {CHOICES.map((choice) => (
                  <button
                    key={choice.answer}
                    type="button"
                    className={choice.answer === 'confirm' ? 'button' : 'button button--secondary'}
                    aria-describedby="answer-question"
                    aria-pressed={appointment.answer === choice.answer}
                    disabled={sending !== null}
                    onClick={() => void answer(choice)}
                  >
                    {sending === choice.answer ? 'Sending…' : choice.label}
                  </button>
                ))}
              </div>
            </>
          ) : (
            <Notice tone="neutral">
              <p>
                {appointment.status === 'cancelled'
                  ? 'This appointment has been cancelled.'
                  : 'This appointment has passed, so it can no longer be answered here.'}{' '}
                Contact {appointment.businessName} if anything is not right.
              </p>
            </Notice>
          )}
        </>
      )}
      <LiveNotice ref={outcomeRef} tabIndex={-1} message={outcome?.message ?? null} tone={outcome?.failed === true ? 'error' : 'success'} />
    </Page>
  );
}

function AppointmentSummary({ appointment }: { appointment: Appointment }) {
  const when = `${formatDay(datePart(appointment.start))} at ${formatTime(timePart(appointment.start))}`;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="answer__summary">
      {appointment.clientFirstName !== '' && <p dir="auto">Hi {appointment.clientFirstName},</p>}
      {appointment.changed && appointment.status === 'scheduled' && (
        <Notice tone="neutral">
          <p>This appointment has changed since your message. Here it is as it stands now.</p>
        </Notice>
      )}
      <p className="answer__when">
        Your appointment with <span dir="auto">{appointment.businessName}</span> is on <strong>{when}</strong>
        {appointment.timeZone !== '' && appointment.timeZone !== browserZone && <> ({appointment.timeZone.replaceAll('_', ' ')} time)</>}.
      </p>
      {appointment.location !== null && (
        <p dir="auto">
          Where: <span className="answer__location">{appointment.location}</span>
        </p>
      )}
      {appointment.answer !== null && (
        <p>
          Your answer: <strong>{CHOICES.find((choice) => choice.answer === appointment.answer)?.label}</strong>
        </p>
      )}
    </div>
  );
}
