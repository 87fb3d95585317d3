import { useSession } from '../session/SessionProvider';
import { AppLayout } from './AppLayout';
import { PublicLayout } from './PublicLayout';

/** Pages anyone may open (privacy, support…) keep the app's navigation for a signed-in owner. */
export function SessionLayout() {
  const { state } = useSession();
  return state.kind === 'signed-in' ? <AppLayout /> : <PublicLayout />;
}
