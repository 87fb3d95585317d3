import type { HealthState } from './useHealthReport';

/** Rendered from the first paint so screen readers announce each change of overall state. */
export function OverallHealth({ state }: { state: HealthState }) {
  const { label, explanation, tone } = describe(state);
  return (
    <div role="status" className={`overall-health overall-health--${tone}`}>
      <p className="overall-health__label">
        Overall status: <strong>{label}</strong>
      </p>
      <p className="overall-health__explanation">{explanation}</p>
    </div>
  );
}

type Tone = 'pending' | 'healthy' | 'unhealthy';

function describe(state: HealthState): { label: string; explanation: string; tone: Tone } {
  switch (state.kind) {
    case 'first-check':
      return { label: 'Checking…', explanation: 'Asking the Client Reminders API how it is doing.', tone: 'pending' };
    case 'reported': {
      const { report } = state;
      if (report.status === 'Healthy') {
        return { label: 'Healthy', explanation: 'Everything Client Reminders relies on is working.', tone: 'healthy' };
      }
      const failing = report.checks.filter((check) => check.status !== 'Healthy').map((check) => check.name);
      return {
        label: 'Unhealthy',
        explanation:
          failing.length > 0
            ? `Not working: ${failing.join(', ')}. Reminders may be delayed until this is fixed.`
            : 'The API reports a problem. Reminders may be delayed until this is fixed.',
        tone: 'unhealthy',
      };
    }
    case 'failed':
      if (state.error.failure === 'http') {
        return {
          label: 'Unknown',
          explanation: `The API answered with an error: ${state.error.message}`,
          tone: 'unhealthy',
        };
      }
      return {
        label: 'Unreachable',
        explanation: `We can't reach the Client Reminders API. ${state.error.message}`,
        tone: 'unhealthy',
      };
  }
}
