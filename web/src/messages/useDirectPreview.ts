import { useEffect, useState } from 'react';
import { ApiError, type FieldErrors } from '../api/client';
import { previewDirectMessage, type DirectChannel, type DirectMessagePreview } from '../api/directMessages';
import { PREVIEW_DELAY_MS } from '../lib/typingPause';

export interface DirectPreviewState {
  /** The latest preview; kept while a newer one loads so the page does not jump. */
  preview: DirectMessagePreview | null;
  isUpdating: boolean;
  /** What the server found wrong with the text or subject, by field. */
  fieldErrors: FieldErrors;
  error: string | null;
}

const IDLE: DirectPreviewState = { preview: null, isUpdating: false, fieldErrors: {}, error: null };

/** Asks who would get the message, and how many SMS segments it takes, once typing pauses; cancels any preview it replaces. */
export function useDirectPreview(clientIds: readonly string[], channel: DirectChannel, text: string, subject: string): DirectPreviewState {
  const [state, setState] = useState<DirectPreviewState>(IDLE);
  const ids = clientIds.join(',');
  const sendsEmail = channel !== 'sms';
  const asked = sendsEmail ? subject : '';

  useEffect(() => {
    if (ids === '' || text.trim() === '') {
      setState(IDLE);
      return;
    }
    const controller = new AbortController();
    setState((current) => ({ ...current, isUpdating: true }));
    const timer = setTimeout(() => {
      previewDirectMessage(
        { clientIds: ids.split(','), channel, text, ...(sendsEmail ? { subject: asked } : {}) },
        { signal: controller.signal },
      ).then(
        (preview) => setState({ preview, isUpdating: false, fieldErrors: {}, error: null }),
        (failure: unknown) => {
          if (controller.signal.aborted) {
            return;
          }
          const problem = failure instanceof ApiError ? failure : null;
          const fieldErrors = problem?.fieldErrors ?? {};
          setState((current) => ({
            ...current,
            isUpdating: false,
            fieldErrors,
            error: Object.keys(fieldErrors).length > 0 ? null : (problem?.message ?? 'The preview is not available.'),
          }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [ids, channel, text, asked, sendsEmail]);

  return state;
}
