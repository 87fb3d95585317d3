import { getClient } from '../api/clients';
import { useApiData } from '../api/useApiData';
import { Notice } from '../components/Notice';
import { DuplicateLinks } from './DuplicateLinks';

/** Names the other clients with the same mobile or email, so the owner can tell whether they are the same person. */
export function DuplicateNotice({ duplicates }: { duplicates: readonly string[] }) {
  // The ids as one value: a new array holding the same ids does not ask for them again.
  const key = duplicates.join(',');
  const { data: names } = useApiData(
    async (signal) => {
      const ids = key === '' ? [] : key.split(',');
      const found = await Promise.allSettled(ids.map((id) => getClient(id, { signal })));
      return new Map(found.flatMap((result) => (result.status === 'fulfilled' ? [[result.value.id, result.value.name] as const] : [])));
    },
    [key],
  );
  if (duplicates.length === 0) {
    return null;
  }
  return (
    <Notice>
      <p>
        Possible duplicate: {duplicates.length === 1 ? 'another client has' : `${duplicates.length} other clients have`} the same
        mobile number or email address.
      </p>
      <p>
        <DuplicateLinks duplicates={duplicates} {...(names === null ? {} : { names })} />
      </p>
    </Notice>
  );
}
