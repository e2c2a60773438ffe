import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { layoutProblems } from './layout-checks';

/** axe's WCAG 2.1 A/AA rules; only serious and critical findings fail a test. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The screen as it is now, with or without a sync bar: 48 px targets, no sideways scroll, no text cut off. */
export async function targetsOk(page: Page, label: string): Promise<void> {
	await page.waitForLoadState('networkidle');
	expect(await layoutProblems(page), label).toEqual([]);
}
