import { detectInAppBrowser, mobileOs } from './in-app-browser';

/**
 * What to tell a volunteer about installing the app:
 * - installed: it runs from the home screen (standalone), nothing to do;
 * - prompt: the browser offered to install it (Chromium's beforeinstallprompt): show a button;
 * - ios-steps: Safari on iPhone/iPad never offers, and deletes script-written storage after 7 days
 *   without a visit unless the app is on the home screen: show Share → Add to Home Screen;
 * - none: a browser with no install path we can point to.
 */
export type InstallAdvice = 'installed' | 'prompt' | 'ios-steps' | 'none';

export function installAdvice(userAgent: string, standalone: boolean, canPrompt: boolean): InstallAdvice {
	if (standalone) return 'installed';
	if (canPrompt) return 'prompt';
	// In-app browsers on iOS have no Share → Add to Home Screen; the enrol page sends people out of them.
	if (mobileOs(userAgent) === 'ios' && !detectInAppBrowser(userAgent)) return 'ios-steps';
	return 'none';
}
