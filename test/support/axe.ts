/**
 * The accessibility check every browser test makes: axe-core (node_modules/axe-core) injected into
 * the page as it is, all its rules on, and only its serious or critical violations count.
 *
 * The page's context must be opened with `bypassCSP: true`: axe is added as an inline script, which
 * the site's strict Content-Security-Policy would refuse.
 *
 * Exemptions are listed here and nowhere else (one rule, one address, one reason):
 * - `meta-refresh` on the catalogue's TV slideshow (`/<centre>/man-hinh`, any `?trang=`): an
 *   unattended wall display without JavaScript turns its slides with a meta refresh on purpose.
 *   Its neighbour, the queue board `/<centre>/man-hinh-xep-hang`, is not exempt.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const AXE = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');

/** What axe reports for one violated rule (the fields the tests print). */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The rules switched off on some pages, by address path, with the reason. */
export const AXE_EXEMPTIONS: readonly { path: RegExp; rule: string; why: string }[] = [
  {
    path: /^\/[^/]+\/man-hinh$/,
    rule: 'meta-refresh',
    why: 'the TV slideshow is an unattended display without JavaScript that turns its slides with a meta refresh',
  },
];

/** The axe rules switched off for the page at `url` (see AXE_EXEMPTIONS). */
export function exemptRules(url: string): string[] {
  const path = new URL(url, 'http://localhost').pathname;
  return AXE_EXEMPTIONS.filter((e) => e.path.test(path)).map((e) => e.rule);
}

/** axe's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const rules = Object.fromEntries(exemptRules(page.url()).map((r) => [r, { enabled: false }]));
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `axe.run(document, { resultTypes: ['violations'], rules: ${JSON.stringify(rules)} })`,
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The same violations as readable lines, `label: rule (impact) help — first three elements`; none is `[]`. */
export async function axeProblems(page: Page, label: string): Promise<string[]> {
  return (await axeViolations(page)).map(
    (v) =>
      `${label}: ${v.id} (${v.impact ?? ''}) ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}
