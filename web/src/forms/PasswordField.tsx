import { useState } from 'react';
import { FormField } from '../components/FormField';

interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  errors?: readonly string[];
}

export const NEW_PASSWORD_HINT = 'At least 12 characters. A few unrelated words make a strong password that is easy to remember.';
export const MIN_PASSWORD_LENGTH = 12;

export function PasswordField({ id, label, value, onChange, autoComplete, hint, errors = [] }: PasswordFieldProps) {
  const [isVisible, setIsVisible] = useState(false);
  return (
    <FormField id={id} label={label} hint={hint} errors={errors}>
      {(control) => (
        <div className="password-input">
          <input
            {...control}
            name={id}
            type={isVisible ? 'text' : 'password'}
            value={value}
            required
            autoComplete={autoComplete}
            autoCapitalize="none"
            spellCheck={false}
            className="field__input"
            onChange={(event) => onChange(event.target.value)}
          />
          <button
            type="button"
            className="password-input__toggle"
            aria-controls={id}
            aria-pressed={isVisible}
            aria-label={`Show ${label.toLowerCase()}`}
            onClick={() => setIsVisible((visible) => !visible)}
          >
            {isVisible ? 'Hide' : 'Show'}
          </button>
        </div>
      )}
    </FormField>
  );
}

export function passwordLengthProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : null;
}
