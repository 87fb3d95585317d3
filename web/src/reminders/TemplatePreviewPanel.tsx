import type { ReactNode } from 'react';
import type { PreviewState } from './useTemplatePreview';

/** The live preview's frame: what it shows, and whether it is catching up with the typing. */
export function TemplatePreviewPanel({ state, children }: { state: PreviewState; children: ReactNode }) {
  return (
    <div className="template-preview" aria-busy={state.isUpdating}>
      <h4 className="template-preview__heading">Preview</h4>
      <p className="field__hint">With a sample appointment: Alex Sample, tomorrow at 10:30.</p>
      {state.error !== null && <p className="notice notice--error">The preview is not available: {state.error}</p>}
      {state.preview === null && state.error === null && <p className="muted">Preparing the preview…</p>}
      {state.preview !== null && children}
    </div>
  );
}

/** The email's HTML in a sandbox with no scripts, forms or same-origin access; the page's CSP also applies inside. */
export function EmailHtmlPreview({ html }: { html: string }) {
  return <iframe className="template-preview__frame" title="Email preview, HTML version" sandbox="" srcDoc={html} />;
}
