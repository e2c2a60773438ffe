import { addMessages, init, locale, register } from 'svelte-i18n';
import { localValue } from '$lib/client/local-value';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Chinese is in the first bundle, so the first paint never waits; English is its own chunk
// (precached by the service worker, so it loads offline too), fetched only when chosen.
addMessages('zh-CN', zhCN);
register('en', () => import('./en').then((m) => m.en));

const saved = localValue<Locale>(
	'doorstep.locale',
	() => 'zh-CN',
	(v) => LOCALES.find((l) => l === v)
);

/** Chinese first: English only when the user chose it on this device. */
void init({ fallbackLocale: 'zh-CN', initialLocale: 'zh-CN' });
// svelte-i18n switches once the dictionary has loaded, so no screen formats without a locale.
if (saved.get() === 'en') void locale.set('en');

export function setLocale(next: Locale): void {
	saved.set(next);
	void locale.set(next);
	document.documentElement.lang = next;
}

export { _, locale } from 'svelte-i18n';
