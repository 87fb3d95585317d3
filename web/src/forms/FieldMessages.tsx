export function describedBy(...ids: (string | null | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length === 0 ? undefined : present.join(' ');
}

export function FieldHint({ id, hint }: { id: string; hint: string | undefined }) {
  return hint === undefined ? null : (
    <p id={id} className="field__hint">
      {hint}
    </p>
  );
}

export function FieldErrorMessages({ id, errors }: { id: string; errors: readonly string[] }) {
  return errors.length === 0 ? null : (
    <p id={id} className="field__error">
      <span className="visually-hidden">Error: </span>
      {errors.join(' ')}
    </p>
  );
}
