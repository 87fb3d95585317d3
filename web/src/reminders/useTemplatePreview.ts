import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { previewTemplate, type TemplatePreview, type TemplatePreviewRequest } from '../api/templates';
import { PREVIEW_DELAY_MS } from '../lib/typingPause';

export interface PreviewState {
  /** The latest preview; kept while a newer one loads so the page does not jump. */
  preview: TemplatePreview | null;
  isUpdating: boolean;
  error: string | null;
}

/** Renders the template with a sample appointment once typing pauses, cancelling any preview it replaces. */
export function useTemplatePreview(request: TemplatePreviewRequest): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, isUpdating: true, error: null });
  const { channel } = request;
  const body = request.channel === 'sms' ? request.body : null;
  const subject = request.channel === 'email' ? request.subject : null;
  const text = request.channel === 'email' ? request.text : null;
  const html = request.channel === 'email' ? request.html : null;
  const format = request.channel === 'email' ? request.format : null;
  const logoUrl = request.channel === 'email' ? request.logoUrl : null;

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ ...current, isUpdating: true }));
    const timer = setTimeout(() => {
      const asked: TemplatePreviewRequest =
        channel === 'sms'
          ? { channel, body: body ?? '' }
          : { channel, format: format ?? 'plain', subject: subject ?? '', text: text ?? '', html: html ?? '', logoUrl: logoUrl ?? '' };
      previewTemplate(asked, { signal: controller.signal }).then(
        (preview) => setState({ preview, isUpdating: false, error: null }),
        (failure: unknown) => {
          if (!controller.signal.aborted) {
            const message = failure instanceof ApiError ? failure.message : 'The preview is not available.';
            setState((current) => ({ ...current, isUpdating: false, error: message }));
          }
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [channel, body, subject, text, html, format, logoUrl]);

  return state;
}
