import type { TemplateProblem } from '../api/templates';

/** The server's message usually says where the problem is; when it does not, the line and column go first. */
export function problemText({ line, column, message }: TemplateProblem): string {
  if (/\bline \d+/i.test(message) || line <= 0) {
    return message;
  }
  return `Line ${line}, column ${column}: ${message}`;
}
