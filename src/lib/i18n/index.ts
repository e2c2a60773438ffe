import { derived, writable, type Readable } from 'svelte/store';
import { localValue } from '$lib/client/local-value';
import { format, lookup, type Dictionary, type Values } from './format';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Chinese is in the first bundle, so the first paint never waits; English is its own chunk
// (precached by the service worker, so it loads offline too), fetched only when chosen.
const dictionaries: Partial<Record<Locale, Dictionary>> = { 'zh-CN': zhCN };
const loaders: Record<Locale, () => Promise<Dictionary>> = {
	'zh-CN': async () => zhCN,
	en: () => import('./en').then((m) => m.en)
};

const saved = localValue<Locale>(
	'doorstep.locale',
	() => 'zh-CN',
	(v) => LOCALES.find((l) => l === v)
);

const current = writable<Locale>('zh-CN');
/** The language the screens show. */
export const locale: Readable<Locale> = { subscribe: current.subscribe };

/** Switches once the dictionary has loaded, so no screen formats without its messages. */
async function show(next: Locale): Promise<void> {
	dictionaries[next] ??= await loaders[next]();
	current.set(next);
}

/** Chinese first: English only when the user chose it on this device. */
if (saved.get() === 'en') void show('en');

export function setLocale(next: Locale): void {
	saved.set(next);
	void show(next);
	document.documentElement.lang = next;
}

type Options = { values?: Values; default?: string };

/**
 * `$_('key', { values })`: the message in the current language, falling back to Chinese, then to
 * `default`, then to the key itself (the behaviour of svelte-i18n, which this replaced).
 */
export const _: Readable<(key: string, options?: Options) => string> = derived(current, (l) => {
	const dict = dictionaries[l];
	return (key: string, options?: Options) => {
		const message = lookup(dict, key) ?? lookup(dictionaries['zh-CN'], key) ?? options?.default ?? key;
		return format(message, options?.values);
	};
});
