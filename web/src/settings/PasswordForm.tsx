import { useCallback, useState } from 'react';
import { changePassword } from '../api/account';
import { LiveNotice } from '../components/LiveNotice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { NEW_PASSWORD_HINT, PasswordField, passwordLengthProblem } from '../forms/PasswordField';
import { useFormSubmit } from '../forms/useFormSubmit';

const FIELDS = {
  currentPassword: { id: 'password-current', label: 'Current password' },
  newPassword: { id: 'password-new', label: 'New password' },
  confirmNewPassword: { id: 'password-confirm', label: 'Confirm new password' },
};

export function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmNewPassword, setConfirmNewPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  const validate = useCallback(
    () =>
      validationProblem({
        currentPassword: currentPassword === '' && 'Enter your current password.',
        newPassword: passwordLengthProblem(newPassword),
        confirmNewPassword: confirmNewPassword !== newPassword && 'The new passwords do not match.',
      }),
    [currentPassword, newPassword, confirmNewPassword],
  );
  const submit = useCallback(async () => {
    setSaved(null);
    await changePassword(currentPassword, newPassword);
    setCurrentPassword('');
    setNewPassword('');
    setConfirmNewPassword('');
    setSaved('Your password has been changed. You stay signed in here; every other device has been signed out.');
  }, [currentPassword, newPassword]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <PasswordField
        {...FIELDS.currentPassword}
        value={currentPassword}
        onChange={setCurrentPassword}
        autoComplete="current-password"
        errors={errorsFor(problem, 'currentPassword')}
      />
      <PasswordField
        {...FIELDS.newPassword}
        value={newPassword}
        onChange={setNewPassword}
        autoComplete="new-password"
        hint={NEW_PASSWORD_HINT}
        errors={errorsFor(problem, 'newPassword')}
      />
      <PasswordField
        {...FIELDS.confirmNewPassword}
        value={confirmNewPassword}
        onChange={setConfirmNewPassword}
        autoComplete="new-password"
        errors={errorsFor(problem, 'confirmNewPassword')}
      />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Changing…' : 'Change password'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}
