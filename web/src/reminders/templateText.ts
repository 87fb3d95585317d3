import type { TemplateProblem } from '../api';

/** Puts `text` in place of the selection and says where the cursor goes after it. */
export function insertAt(value: string, selectionStart: number, selectionEnd: number, text: string): { value: string; caret: number } {
  const start = Math.max(0, Math.min(selectionStart, value.length));
  const end = Math.max(start, Math.min(selectionEnd, value.length));
  return { value: `${value.slice(0, start)}${text}${value.slice(end)}`, caret: start + text.length };
}

/** The server's message usually says where the problem is; when it does not, the line and column go first. */
export function problemText({ line, column, message }: TemplateProblem): string {
  if (/\bline \d+/i.test(message) || line <= 0) {
    return message;
  }
  return `Line ${line}, column ${column}: ${message}`;
}
