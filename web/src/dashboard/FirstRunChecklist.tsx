import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { dismissChecklist, type Checklist } from '../api/dashboard';
import { Notice } from '../components/Notice';
import { TestMessageForm } from './TestMessageForm';

interface Step {
  done: boolean;
  title: string;
  body: ReactNode;
}

/**
 * A new account's first steps, in order, each saying what to do next and whether it is done. Once all are done it says so, with
 * the last step's confirmation still in view, until the owner puts it away.
 */
export function FirstRunChecklist({ checklist, email, onChanged }: { checklist: Checklist; email: string; onChanged: () => void }) {
  const [isDismissing, setIsDismissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const steps: Step[] = [
    {
      done: checklist.clientsAdded,
      title: 'Add your clients',
      body: (
        <>
          <Link to="/clients/new">Add a client</Link> or <Link to="/clients/import">import them from a spreadsheet</Link>.
        </>
      ),
    },
    {
      done: checklist.calendarOrAppointment,
      title: 'Connect a calendar or add an appointment',
      body: (
        <>
          <Link to="/calendars">Connect your Outlook calendar</Link> so appointments come in on their own, or <Link to="/appointments/new">add an appointment</Link> yourself.
        </>
      ),
    },
    {
      done: checklist.templatesChecked,
      title: 'Check your reminder templates',
      body: (
        <>
          Read the text and email your clients will get on the <Link to="/reminders">Reminders page</Link>, and save them once they say what you want.
        </>
      ),
    },
    {
      done: checklist.testSent,
      title: 'Send yourself a test reminder',
      body: <TestMessageForm email={email} onSent={onChanged} />,
    },
  ];
  const done = steps.filter((step) => step.done).length;
  const dismiss = async () => {
    setIsDismissing(true);
    setProblem(null);
    try {
      await dismissChecklist();
      onChanged();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'The checklist could not be put away. Please try again.');
      setIsDismissing(false);
    }
  };
  return (
    <section aria-labelledby="checklist-heading" className="card card--roomy dashboard-section checklist">
      <div className="checklist__header">
        <h2 id="checklist-heading">Get started</h2>
        <button type="button" className="button button--secondary" onClick={dismiss} disabled={isDismissing}>
          {isDismissing ? 'Hiding…' : checklist.allDone ? 'Done: hide this checklist' : 'Hide this checklist'}
        </button>
      </div>
      {checklist.allDone ? (
        <Notice as="p" tone="success" className="checklist__finished">All {steps.length} steps done: your reminders are ready to go out.</Notice>
      ) : (
        <p className="muted">
          {done} of {steps.length} steps done.
        </p>
      )}
      {problem !== null && (
        <Notice as="p" role="alert" tone="error">
          {problem}
        </Notice>
      )}
      <ol className="checklist__steps">
        {steps.map((step) => (
          <li key={step.title} className={step.done ? 'checklist__step checklist__step--done' : 'checklist__step'}>
            <h3 className="checklist__title">
              {step.title} <span className={step.done ? 'tag tag--active' : 'tag tag--reminder-scheduled'}>{step.done ? 'Done' : 'To do'}</span>
            </h3>
            <div className="checklist__body">{step.body}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
