import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Notice } from '../components/Notice';
import type { PreviewState } from './useTemplatePreview';

/** The live preview's frame: what it shows, whether it is catching up with the typing, and what will read oddly. */
export function TemplatePreviewPanel({ state, children }: { state: PreviewState; children: ReactNode }) {
  const warnings = state.preview?.warnings ?? [];
  return (
    <div className="template-preview" aria-busy={state.isUpdating}>
      <h4 className="template-preview__heading">Preview</h4>
      <p className="field__hint">With a sample appointment: Alex Sample, tomorrow at 10:30.</p>
      {state.error !== null && <Notice as="p" tone="error">The preview is not available: {state.error}</Notice>}
      {state.preview === null && state.error === null && <p className="muted">Preparing the preview…</p>}
      {warnings.length > 0 && (
        <Notice role="note">
          <ul className="template-warnings">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Notice>
      )}
      {state.preview !== null && children}
    </div>
  );
}

const READY = 'email-preview-ready';

/**
 * The email as a mail app shows it: /email-preview.html (a page of ours whose own security policy lets an email's inline
 * styles apply) puts the HTML in a frame sandboxed without scripts, forms or same-origin access.
 */
export function EmailHtmlPreview({ html }: { html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const listen = (event: MessageEvent) => {
      if (event.origin === window.location.origin && event.source === frame.current?.contentWindow && event.data === READY) {
        setReady(true);
      }
    };
    window.addEventListener('message', listen);
    return () => window.removeEventListener('message', listen);
  }, []);
  useEffect(() => {
    if (ready) {
      frame.current?.contentWindow?.postMessage({ html }, window.location.origin);
    }
  }, [ready, html]);
  return <iframe ref={frame} className="template-preview__frame" title="Email preview, HTML version" src="/email-preview.html" />;
}
