import { describedBy, FieldErrorMessages, FieldHint } from './FieldMessages';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  hint?: string;
  errors?: readonly string[];
  autoComplete?: string;
  required?: boolean;
}

export function SelectField({ id, label, value, options, onChange, hint, errors = [], autoComplete, required = true }: SelectFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <FieldErrorMessages id={errorId} errors={errors} />
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        autoComplete={autoComplete}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, errors.length > 0 && errorId)}
        className="field__input field__select"
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
