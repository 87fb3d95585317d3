import path from 'node:path';
import type { Page } from '@playwright/test';

/** Where the README's screenshots live; the browser tests rewrite them on every run. */
export const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

/** A small PNG of the page's first screen (no full-page scroll, so files stay small), as a visitor sees it: nothing focused by the test. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
