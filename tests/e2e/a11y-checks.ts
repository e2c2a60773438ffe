import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe's WCAG 2.1 A/AA rules; only serious and critical findings fail a test. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Every visible control at least 48 px both ways, and nothing wider than the screen. */
export async function targetsOk(page: Page, label: string): Promise<void> {
	await page.waitForLoadState('networkidle');
	const small = await page.evaluate(() =>
		[...document.querySelectorAll('button, a, input, select')]
			.filter((el) => (el as HTMLElement).offsetParent !== null)
			.map((el) => ({ el, r: el.getBoundingClientRect() }))
			.filter(({ r }) => r.height < 47.5 || r.width < 47.5)
			.map(({ el, r }) => `${el.tagName} "${el.textContent?.trim()}" ${r.width}×${r.height}`)
	);
	expect(small, label).toEqual([]);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow, label).toBeLessThanOrEqual(0);
}

/** targetsOk on each screen of an enrolled device. */
export async function checkTargets(page: Page, paths: string[]): Promise<void> {
	for (const path of paths) {
		await page.goto(path);
		await expect(page.getByTestId('sync-bar')).toBeVisible();
		await targetsOk(page, path);
	}
}
