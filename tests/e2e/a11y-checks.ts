import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';
import { layoutProblems } from './layout-checks';

/** axe's WCAG 2.1 A/AA rules. */
const RUN_OPTIONS: axe.RunOptions = {
	runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	// Only violations are read: axe then keeps one node per passing rule instead of every one.
	resultTypes: ['violations']
};

/**
 * axe's WCAG 2.1 A/AA rules on the page as it is now; only serious and critical findings fail a test.
 *
 * axe-core runs in the page itself, injected once per document. @axe-core/playwright's
 * AxeBuilder did the same work at 4× the cost (1.2 s a call against 0.3 s on the lead's screens,
 * one worker): each call injected axe twice and opened a blank tab to merge results across
 * frames, and our screens have no frames. The suite calls this about 140 times.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	const result = await page.evaluate(
		(options) => (window as unknown as { axe: typeof axe }).axe.run(document, options),
		RUN_OPTIONS
	);
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The screen as it is now, with or without a sync bar: 48 px targets, no sideways scroll, no text cut off. */
export async function targetsOk(page: Page, label: string): Promise<void> {
	await page.waitForLoadState('networkidle');
	expect(await layoutProblems(page), label).toEqual([]);
}
