const EVENT_TEXT: Record<string, string> = {
  SignUpConfirmed: 'Account created',
  SignInSucceeded: 'Signed in',
  SignInFailed: 'Sign-in failed (wrong password)',
  SignInLockedOut: 'Sign-in blocked after too many attempts',
  SignedOut: 'Signed out',
  PasswordChanged: 'Password changed',
  PasswordResetRequested: 'Password reset requested',
  PasswordReset: 'Password reset by email link',
  EmailChangeRequested: 'Email change requested',
  EmailChanged: 'Email address changed',
  ProfileUpdated: 'Profile updated',
  AccountClosed: 'Account closed',
  CalendarNotificationRefused: 'An Outlook change notice without our secret was ignored',
};

/** "SignInSucceeded" → "Signed in"; names we do not know yet are split into words: "CalendarConnected" → "Calendar connected". */
export function readableEvent(event: string): string {
  const known = EVENT_TEXT[event];
  if (known !== undefined) {
    return known;
  }
  const words = event
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
