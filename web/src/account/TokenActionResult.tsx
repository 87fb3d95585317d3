import { Notice } from '../components/Notice';
import type { TokenActionState } from './useTokenAction';

interface TokenActionResultProps {
  state: TokenActionState;
  working: string;
  done: string;
  missing: string;
}

/** One live region for the whole life of the page, so the outcome is announced when it arrives. */
export function TokenActionResult({ state, working, done, missing }: TokenActionResultProps) {
  return (
    <Notice role="status" tone={state.kind === 'done' ? 'success' : state.kind === 'working' ? 'neutral' : 'error'}>
      {state.kind === 'working' && <p>{working}</p>}
      {state.kind === 'missing' && <p>{missing}</p>}
      {state.kind === 'failed' && <p>{state.message}</p>}
      {state.kind === 'done' && <p>{state.message !== '' ? state.message : done}</p>}
    </Notice>
  );
}
