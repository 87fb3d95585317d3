import { useState } from 'react';
import { useSession } from '../session/SessionProvider';

export function AccountBar() {
  const { me, signOut, signedOut } = useSession();
  const [isSigningOut, setIsSigningOut] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const signOutAndLeave = async () => {
    setIsSigningOut(true);
    setFailure(null);
    try {
      await signOut();
      // On an app page, RequireSignIn then shows the sign-in page with this notice.
      signedOut('You have signed out.');
    } catch {
      setFailure('Signing out failed. Please try again.');
      setIsSigningOut(false);
    }
  };

  return (
    <div className="account-bar">
      {me !== null && (
        <span className="account-bar__business" title={me.businessName}>
          {me.businessName}
        </span>
      )}
      <button type="button" className="account-bar__sign-out" onClick={() => void signOutAndLeave()} disabled={isSigningOut}>
        {isSigningOut ? 'Signing out…' : 'Sign out'}
      </button>
      {failure !== null && (
        <span role="alert" className="account-bar__failure">
          {failure}
        </span>
      )}
    </div>
  );
}
