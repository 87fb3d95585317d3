import { useEffect, useId, useRef, type MouseEvent } from 'react';
import type { FormProblem } from './formProblem';

interface ErrorSummaryProps {
  problem: FormProblem | null;
  /** API field name → the id and label of the input that shows it. */
  fields: Record<string, { id: string; label: string }>;
}

/** Sits at the top of a form and takes focus when a submit fails, so the problem is seen and heard first. */
export function ErrorSummary({ problem, fields }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (problem !== null) {
      ref.current?.focus();
    }
  }, [problem]);

  if (problem === null) {
    return null;
  }
  const fieldMessages = Object.entries(problem.fieldErrors).flatMap(([field, messages]) =>
    messages.map((message) => ({ field, message, target: fields[field] })),
  );

  return (
    <div ref={ref} tabIndex={-1} className="error-summary" role="alert" aria-labelledby={headingId}>
      <h2 id={headingId} className="error-summary__title">
        There is a problem
      </h2>
      {fieldMessages.length === 0 ? (
        <p className="error-summary__message">{problem.message}</p>
      ) : (
        <ul className="error-summary__list">
          {fieldMessages.map(({ field, message, target }) => (
            <li key={`${field}:${message}`}>
              {target === undefined ? message : <FieldLink targetId={target.id} label={target.label} message={message} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FieldLink({ targetId, label, message }: { targetId: string; label: string; message: string }) {
  const focusField = (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(targetId);
    if (field !== null) {
      event.preventDefault();
      field.focus();
    }
  };
  return (
    <a href={`#${targetId}`} onClick={focusField}>
      <span className="visually-hidden">{label}: </span>
      {message}
    </a>
  );
}
