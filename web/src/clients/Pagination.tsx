import { Link } from 'react-router';

interface PaginationProps {
  page: number;
  pageCount: number;
  /** The address of a page of results. */
  linkTo: (page: number) => string;
}

export function Pagination({ page, pageCount, linkTo }: PaginationProps) {
  if (pageCount <= 1) {
    return null;
  }
  return (
    <nav aria-label="Pages of clients" className="pagination">
      <ul className="pagination__list">
        {page > 1 && (
          <li>
            <Link to={linkTo(page - 1)} className="pagination__link" rel="prev">
              Previous <span className="visually-hidden">page</span>
            </Link>
          </li>
        )}
        {pageNumbers(page, pageCount).map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={number}>
              <Link
                to={linkTo(number)}
                className="pagination__link"
                aria-current={number === page ? 'page' : undefined}
                aria-label={`Page ${number}`}
              >
                {number}
              </Link>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <Link to={linkTo(page + 1)} className="pagination__link" rel="next">
              Next <span className="visually-hidden">page</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The first, last, current and its neighbours; null where numbers are left out. */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const numbers: (number | null)[] = [];
  shown.forEach((number, index) => {
    const previous = shown[index - 1];
    if (previous !== undefined && number - previous > 1) {
      numbers.push(number - previous === 2 ? number - 1 : null);
    }
    numbers.push(number);
  });
  return numbers;
}
