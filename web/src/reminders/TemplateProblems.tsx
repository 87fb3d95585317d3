import type { TemplateProblem } from '../api/templates';
import { Notice } from '../components/Notice';
import { problemText } from './templateText';

const FIELD_NAMES: Record<string, string> = { body: 'Message', subject: 'Subject', text: 'Plain text', html: 'HTML', logoUrl: 'Logo address' };

/** Problems the live preview found; a polite live region, always present, so each new problem is announced. */
/** `fieldNames` overrides how a field is named, e.g. "Message" for the text of a plain email. */
export function TemplateProblems({
  id,
  problems,
  showField,
  fieldNames = {},
}: {
  id: string;
  problems: readonly TemplateProblem[];
  showField: boolean;
  fieldNames?: Record<string, string>;
}) {
  return (
    <div id={id} role="status" className="template-problems">
      {problems.length > 0 && (
        <Notice tone="error">
          <p className="template-problems__title">
            {problems.length === 1 ? 'The template has a problem:' : `The template has ${problems.length} problems:`}
          </p>
          <ul className="template-problems__list">
            {problems.map((problem) => (
              <li key={`${problem.field}:${problem.line}:${problem.column}:${problem.message}`}>
                {showField && `${fieldNames[problem.field] ?? FIELD_NAMES[problem.field] ?? problem.field}: `}
                {problemText(problem)}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </div>
  );
}
