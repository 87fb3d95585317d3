import { getClient } from '../api';
import { useApiData } from '../api/useApiData';
import { DuplicateLinks } from './DuplicateLinks';

/** Names the other clients with the same mobile or email, so the owner can tell whether they are the same person. */
export function DuplicateNotice({ duplicates }: { duplicates: readonly string[] }) {
  const key = duplicates.join(',');
  const { data: names } = useApiData(
    async (signal) => {
      const found = await Promise.allSettled(duplicates.map((id) => getClient(id, { signal })));
      return new Map(found.flatMap((result) => (result.status === 'fulfilled' ? [[result.value.id, result.value.name] as const] : [])));
    },
    [key],
  );
  if (duplicates.length === 0) {
    return null;
  }
  return (
    <div className="notice">
      <p>
        Possible duplicate: {duplicates.length === 1 ? 'another client has' : `${duplicates.length} other clients have`} the same
        mobile number or email address.
      </p>
      <p>
        <DuplicateLinks duplicates={duplicates} {...(names === null ? {} : { names })} />
      </p>
    </div>
  );
}
