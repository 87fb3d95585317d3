import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical WCAG 2.x A/AA violations on the page as it is now. */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeFinding[]> {
  // Frames are left out: the only ones are sandboxed email previews (the owner's own HTML), where axe cannot run and waits until it times out.
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).options({ iframes: false }).setLegacyMode(true).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Fails the test with every serious or critical violation listed, so one run shows them all. */
export async function expectNoSeriousAccessibilityProblems(page: Page, where = page.url()): Promise<void> {
  const problems = await seriousAccessibilityProblems(page);
  expect(problems, `accessibility problems on ${where}`).toEqual([]);
}
