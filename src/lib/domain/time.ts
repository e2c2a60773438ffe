// `toLocaleString` with a locale builds a new Intl.DateTimeFormat on every call, and a board of
// requests writes three times a card (like localeCompare, see compareLabel in layout.ts): the
// date's formatter is built once, on first use. ECMA-402 defines those toLocale* calls as that
// formatter's format, so the text is the same (time.spec.ts checks it).
let full: Intl.DateTimeFormat | undefined;

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * Clock time as users read it on screen: 14:05, 24-hour — what zh-CN's formatter writes
 * (time.spec.ts). Written out, not through Intl (issue 13): the sync bar shows it on the lock
 * screen's first paint, and a page's first Intl.DateTimeFormat loads the locale's data, 140–270 ms
 * at CPU 4× in Chromium.
 */
export const clockTime = (iso: string): string => {
	const d = new Date(iso);
	return `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
};

/** Date and time, 24-hour: 2026/11/23 14:05:09. */
export const dateTime = (iso: string): string =>
	(full ??= new Intl.DateTimeFormat('zh-CN', {
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
		hour12: false
	})).format(new Date(iso));
