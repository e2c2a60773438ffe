export const THEMES = ['auto', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];
const KEY = 'doorstep.theme';

export function savedTheme(): ThemeChoice {
	if (typeof localStorage === 'undefined') return 'auto';
	const value = localStorage.getItem(KEY);
	return THEMES.find((t) => t === value) ?? 'auto';
}

/** "auto" leaves the choice to the stylesheet's media queries, i.e. to the phone's setting. */
function apply(choice: ThemeChoice): void {
	if (choice === 'auto') document.documentElement.removeAttribute('data-theme');
	else document.documentElement.dataset.theme = choice;
}

/** Remembers the volunteer's choice on this device and shows it at once. */
export function setTheme(choice: ThemeChoice): void {
	localStorage.setItem(KEY, choice);
	apply(choice);
}

// Applied as soon as the app's code loads, on every screen.
if (typeof document !== 'undefined') apply(savedTheme());
