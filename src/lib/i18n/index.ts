import { addMessages, init, locale, register } from 'svelte-i18n';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'doorstep.locale';

// Chinese is in the first bundle, so the first paint never waits; English is its own chunk
// (precached by the service worker, so it loads offline too), fetched only when chosen.
addMessages('zh-CN', zhCN);
register('en', () => import('./en').then((m) => m.en));

function saved(): Locale {
	if (typeof localStorage === 'undefined') return 'zh-CN';
	const value = localStorage.getItem(KEY);
	return value === 'en' ? 'en' : 'zh-CN';
}

/** Chinese first: English only when the user chose it on this device. */
void init({ fallbackLocale: 'zh-CN', initialLocale: 'zh-CN' });
// svelte-i18n switches once the dictionary has loaded, so no screen formats without a locale.
if (saved() === 'en') void locale.set('en');

export function setLocale(next: Locale): void {
	localStorage.setItem(KEY, next);
	void locale.set(next);
	document.documentElement.lang = next;
}

export { _, locale } from 'svelte-i18n';
