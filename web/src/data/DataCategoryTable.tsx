import type { DataCategory } from '../api/clients';
import { formatInstant } from '../lib/formatInstant';
import { NoValue } from '../pages/NoValue';
import { useMe } from '../session/SessionProvider';

export function DataCategoryTable({ categories, generatedAt }: { categories: readonly DataCategory[]; generatedAt: string }) {
  const { timeZone } = useMe();
  return (
    <div className="table-scroll" role="region" aria-labelledby="data-categories-caption" tabIndex={0}>
      <table className="data-table data-categories">
        <caption id="data-categories-caption" className="table-caption">
          The kinds of data we hold
          {generatedAt !== '' && (
            <>
              {', counted '}
              <time dateTime={generatedAt}>{formatInstant(generatedAt, timeZone)}</time>
            </>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">What it is</th>
            <th scope="col">How many</th>
            <th scope="col">How long we keep it</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <tr key={category.key}>
              <th scope="row">{category.name}</th>
              <td>{category.description}</td>
              <td className="data-table__number">{category.count === null ? <NoValue /> : category.count.toLocaleString()}</td>
              <td>{category.retention}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
