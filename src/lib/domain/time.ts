// One formatter each, built once: `toLocaleString` with a locale builds a new Intl.DateTimeFormat
// on every call, and a board of requests writes three times a card (like localeCompare, see
// compareLabel in layout.ts). ECMA-402 defines those toLocale* calls as these formatters'
// format, so the text is the same (time.spec.ts checks it).
const clock = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
const full = new Intl.DateTimeFormat('zh-CN', {
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric',
	hour12: false
});

/** Clock time as users read it on screen: 14:05, 24-hour. */
export const clockTime = (iso: string): string => clock.format(new Date(iso));

/** Date and time, 24-hour: 2026/11/23 14:05:09. */
export const dateTime = (iso: string): string => full.format(new Date(iso));
