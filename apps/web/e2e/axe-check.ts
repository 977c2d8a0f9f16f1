// Issue 21: a page passes when axe-core (Deque's engine, through @axe-core/playwright) finds no
// serious or critical violation on it. One helper for every spec that checks a page.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Serious and critical violations, one line each: rule, help, and where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // nextjs-portal: the development overlay of `next dev` (absent from production builds).
  const result = await new AxeBuilder({ page }).exclude('nextjs-portal').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
}
