import { PLACEHOLDERS } from '../api/templates';

const LITERALS = [
  { text: '{{', label: 'Insert a literal {' },
  { text: '}}', label: 'Insert a literal }' },
] as const;

interface PlaceholderButtonsProps {
  target: string;
  onInsert: (text: string) => void;
  /** The reminder templates' placeholders unless told otherwise, e.g. the three a direct message may use. */
  placeholders?: readonly string[];
  /** What the placeholders are filled in with. */
  filledFor?: string;
  /** Buttons for a literal { and }. */
  withLiterals?: boolean;
}

/** Each placeholder as a button that types it where the cursor is in the field being edited. */
export function PlaceholderButtons({ target, onInsert, placeholders = PLACEHOLDERS, filledFor = 'each appointment', withLiterals = true }: PlaceholderButtonsProps) {
  return (
    <div className="placeholders">
      <p className="field__hint">
        Insert into {target}: the placeholders are filled in for {filledFor}.
      </p>
      <ul className="placeholders__list" aria-label={`Placeholders to insert into ${target}`}>
        {placeholders.map((placeholder) => (
          <li key={placeholder}>
            <button type="button" className="chip" aria-label={`Insert ${placeholder}`} onClick={() => onInsert(placeholder)}>
              {placeholder}
            </button>
          </li>
        ))}
        {withLiterals &&
          LITERALS.map(({ text, label }) => (
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
