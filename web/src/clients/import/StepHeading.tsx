import { useEffect, useRef } from 'react';

export const STEP_HEADING_ID = 'import-step-heading';
export const IMPORT_STEPS = ['Choose a file', 'Match the columns', 'Confirm consent', 'Import', 'Report'] as const;

/** "Step 2 of 5: Match the columns"; takes focus when the wizard moves to it, so screen readers announce the new step. */
export function StepHeading({ step, takeFocus }: { step: number; takeFocus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) {
      ref.current?.focus();
    }
  }, [takeFocus]);
  return (
    <h2 ref={ref} id={STEP_HEADING_ID} tabIndex={-1} className="section-heading">
      <span className="step-heading__number">
        Step {step} of {IMPORT_STEPS.length}:
      </span>{' '}
      {IMPORT_STEPS[step - 1]}
    </h2>
  );
}

export function ImportSteps({ current }: { current: number }) {
  return (
    <ol className="import-steps" aria-label="Import steps">
      {IMPORT_STEPS.map((title, index) => (
        <li
          key={title}
          className={index + 1 === current ? 'import-steps__step is-current' : index + 1 < current ? 'import-steps__step is-done' : 'import-steps__step'}
          aria-current={index + 1 === current ? 'step' : undefined}
        >
          {title}
          {index + 1 < current && <span className="visually-hidden"> (done)</span>}
        </li>
      ))}
    </ol>
  );
}
