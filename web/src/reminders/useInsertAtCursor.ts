import { useCallback, useLayoutEffect, useRef } from 'react';
import { insertAt } from './templateText';

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
