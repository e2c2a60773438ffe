/** Chinese super-apps whose built-in browser opens a scanned link instead of the phone's own browser. */
export type InAppBrowser = 'wechat' | 'qq' | 'alipay' | 'dingtalk';
export type MobileOs = 'android' | 'ios' | 'other';

export interface InAppDetection {
	app: InAppBrowser;
	os: MobileOs;
}

// Order matters: WeChat's and QQ's Android web views also carry "MQQBrowser" (the X5 engine), and
// DingTalk's carries "AliApp(", so each app is recognised by the token only it writes.
const APPS: [InAppBrowser, RegExp][] = [
	['wechat', /MicroMessenger\//i],
	['dingtalk', /DingTalk\//i],
	['alipay', /AlipayClient\/|AliApp\(AP\//i],
	// The QQ app writes " QQ/8.9…"; the stand-alone QQ Browser writes only "MQQBrowser/", and is a real browser.
	['qq', /\sQQ\/\d/]
];

export function mobileOs(userAgent: string): MobileOs {
	if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
	if (/Android/i.test(userAgent)) return 'android';
	return 'other';
}

/** Which in-app browser this user agent belongs to, or null for a phone's (or desktop's) own browser. */
export function detectInAppBrowser(userAgent: string): InAppDetection | null {
	const found = APPS.find(([, pattern]) => pattern.test(userAgent));
	return found ? { app: found[0], os: mobileOs(userAgent) } : null;
}

/** What this browser can do that offline field work depends on. */
export interface OfflineCapabilities {
	serviceWorker: boolean;
	persistentStorage: boolean;
}

export function offlineCapabilities(nav: Navigator): OfflineCapabilities {
	return {
		// iOS web views inside apps have no navigator.serviceWorker unless the app declares our domain.
		serviceWorker: nav.serviceWorker != null,
		persistentStorage: typeof nav.storage?.persist === 'function'
	};
}

export type EnrolVerdict = 'browser' | 'in-app-works' | 'in-app-blocked';

/**
 * May a volunteer enrol here? Anywhere outside an in-app browser, yes. Inside one, only where the app
 * can actually work offline: without a service worker the app does not open with no signal, and
 * without persistent storage what is recorded may be cleared before it is sent.
 */
export function enrolVerdict(inApp: InAppDetection | null, caps: OfflineCapabilities): EnrolVerdict {
	if (!inApp) return 'browser';
	return caps.serviceWorker && caps.persistentStorage ? 'in-app-works' : 'in-app-blocked';
}
