import { expect, type Page } from '@playwright/test';

/**
 * What is wrong with the screen as laid out now: a target under 48 px, a page wider than the
 * viewport (sideways scroll), or text cut off (by a clipping box, or past the viewport's edge).
 */
export function layoutProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const visible = (el: Element) =>
			(el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
		const name = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
		for (const el of document.querySelectorAll('button, a, input, select')) {
			if (!visible(el)) continue;
			const r = el.getBoundingClientRect();
			if (r.height < 47.5 || r.width < 47.5) problems.push(`small target ${name(el)} ${r.width}×${r.height}`);
		}
		const overflow = document.documentElement.scrollWidth - window.innerWidth;
		if (overflow > 0) problems.push(`sideways scroll of ${overflow} px`);
		for (const el of document.querySelectorAll('body *')) {
			const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
			if (!hasText || !visible(el) || el.closest('svg')) continue;
			const style = getComputedStyle(el);
			const r = el.getBoundingClientRect();
			const clips = (v: string) => v === 'hidden' || v === 'clip';
			// Screen-reader-only text (ours, and SvelteKit's route announcer) is a 1 px clipped box on purpose.
			if (r.width <= 1 && r.height <= 1) continue;
			if (
				(clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
				(clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
			)
				problems.push(`text cut off in ${name(el)}`);
			else if (r.right > window.innerWidth + 0.5 || r.left < -0.5)
				problems.push(`text past the edge: ${name(el)} ${r.left}–${r.right}`);
		}
		return problems;
	});
}

/** Visits each screen and expects no layout problem on any. */
export async function checkScreens(page: Page, paths: string[]): Promise<void> {
	for (const path of paths) {
		await page.goto(path);
		await expect(page.getByTestId('sync-bar')).toBeVisible();
		await page.waitForLoadState('networkidle');
		expect(await layoutProblems(page), path).toEqual([]);
	}
}

/** The phone's text size at 200 %: see README, "Large text", for why the root font size models it. */
export async function textAt200(page: Page): Promise<void> {
	await page.context().addInitScript(() => {
		const style = document.createElement('style');
		style.textContent = ':root { font-size: 34px !important; }';
		document.addEventListener('DOMContentLoaded', () => document.head.append(style));
	});
}
