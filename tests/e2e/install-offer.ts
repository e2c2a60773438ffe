import type { Page } from '@playwright/test';

/**
 * Hands the page Chromium's install offer. Chromium fires beforeinstallprompt only when it judges the
 * site installable, and headless Chromium never does (not even with its engagement checks bypassed),
 * so tests dispatch the same event. Returns whether the app took the offer (preventDefault).
 * `window.prompted` counts the app's calls to prompt().
 */
export function offerInstall(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		const w = window as { prompted?: number };
		const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {
				w.prompted = (w.prompted ?? 0) + 1;
			},
			userChoice: Promise.resolve({ outcome: 'dismissed' })
		});
		window.dispatchEvent(offer);
		return offer.defaultPrevented;
	});
}
