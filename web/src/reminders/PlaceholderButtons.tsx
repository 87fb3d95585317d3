import { PLACEHOLDERS } from '../api';

const LITERALS = [
  { text: '{{', label: 'Insert a literal {' },
  { text: '}}', label: 'Insert a literal }' },
] as const;

/** Each placeholder as a button that types it where the cursor is in the field being edited. */
export function PlaceholderButtons({ target, onInsert }: { target: string; onInsert: (text: string) => void }) {
  return (
    <div className="placeholders">
      <p className="field__hint">Insert into {target}: the placeholders are filled in for each appointment.</p>
      <ul className="placeholders__list" aria-label={`Placeholders to insert into ${target}`}>
        {PLACEHOLDERS.map((placeholder) => (
          <li key={placeholder}>
            <button type="button" className="chip" aria-label={`Insert ${placeholder}`} onClick={() => onInsert(placeholder)}>
              {placeholder}
            </button>
          </li>
        ))}
        {LITERALS.map(({ text, label }) => (
          <li key={text}>
            <button type="button" className="chip" aria-label={`${label} (${text})`} onClick={() => onInsert(text)}>
              {text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
