import { addMessages, init, locale } from 'svelte-i18n';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'doorstep.locale';

addMessages('zh-CN', zhCN);
addMessages('en', en);

function saved(): Locale {
	if (typeof localStorage === 'undefined') return 'zh-CN';
	const value = localStorage.getItem(KEY);
	return value === 'en' ? 'en' : 'zh-CN';
}

/** Chinese first: English only when the user chose it on this device. */
void init({ fallbackLocale: 'zh-CN', initialLocale: saved() });

export function setLocale(next: Locale): void {
	localStorage.setItem(KEY, next);
	void locale.set(next);
	document.documentElement.lang = next;
}

export { _, locale } from 'svelte-i18n';
