import { Link } from 'react-router';

/** One link per other client with the same mobile or email; `names` says who they are when we know. */
export function DuplicateLinks({ duplicates, names }: { duplicates: readonly string[]; names?: ReadonlyMap<string, string> }) {
  if (duplicates.length === 0) {
    return null;
  }
  return (
    <span className="duplicate-links">
      {duplicates.map((id, index) => {
        const name = names?.get(id);
        return (
          <Link key={id} to={`/clients/${encodeURIComponent(id)}`} className="tag tag--duplicate">
            Possible duplicate{duplicates.length > 1 ? ` ${index + 1}` : ''}{' '}
            <span className="visually-hidden">of {name ?? 'another client'}</span>
          </Link>
        );
      })}
    </span>
  );
}
