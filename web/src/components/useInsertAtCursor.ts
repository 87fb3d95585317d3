import { useCallback, useLayoutEffect, useRef } from 'react';

type TextInput = HTMLInputElement & HTMLTextAreaElement;

/** Inserts text at a field's cursor through its state setter, then puts focus and the cursor just after it. */
export function useInsertAtCursor(value: string, setValue: (value: string) => void) {
  const ref = useRef<TextInput>(null);
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const field = ref.current;
    if (caret.current !== null && field !== null) {
      field.focus();
      field.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [value]);

  const insert = useCallback(
    (text: string) => {
      const field = ref.current;
      const next = insertAt(value, field?.selectionStart ?? value.length, field?.selectionEnd ?? value.length, text);
      caret.current = next.caret;
      setValue(next.value);
    },
    [value, setValue],
  );
  return { ref, insert };
}

/** Puts `text` in place of the selection and says where the cursor goes after it. */
function insertAt(value: string, selectionStart: number, selectionEnd: number, text: string): { value: string; caret: number } {
  const start = Math.max(0, Math.min(selectionStart, value.length));
  const end = Math.max(start, Math.min(selectionEnd, value.length));
  return { value: `${value.slice(0, start)}${text}${value.slice(end)}`, caret: start + text.length };
}
