import { FormField } from '../components/FormField';

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
  return (
    <FormField id={id} label={label} hint={hint} errors={errors}>
      {(control) => (
        <select
          {...control}
          name={id}
          value={value}
          required={required}
          autoComplete={autoComplete}
          className="field__input field__select"
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
