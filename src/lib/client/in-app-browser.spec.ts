import { describe, expect, it } from 'vitest';
import { UA } from '../../../tests/fixtures/user-agents';
import { detectInAppBrowser, enrolVerdict, mobileOs } from './in-app-browser';

const IN_APP: [string, string, string][] = [
	['wechat', 'android', UA.wechatAndroid],
	['wechat', 'android', UA.wechatAndroidOld],
	['wechat', 'ios', UA.wechatIos],
	['qq', 'android', UA.qqAndroid],
	['qq', 'ios', UA.qqIos],
	['alipay', 'android', UA.alipayAndroid],
	['alipay', 'ios', UA.alipayIos],
	['dingtalk', 'android', UA.dingtalkAndroid],
	['dingtalk', 'ios', UA.dingtalkIos]
];

// The phones' own browsers, including the Chinese ones that look like in-app views but are not.
const BROWSERS: [string, string][] = [
	['Chrome, Android', UA.chromeAndroid],
	['Safari, iPhone', UA.safariIphone],
	['QQ Browser, Android', UA.qqBrowserAndroid],
	['QQ Browser, iPhone', UA.qqBrowserIphone],
	['UC Browser, Android', UA.ucAndroid],
	['Huawei Browser', UA.huaweiBrowser],
	['Firefox, Linux', UA.firefoxLinux]
];

describe('in-app browser detection', () => {
	it.each(IN_APP)('recognises %s on %s', (app, os, ua) => {
		expect(detectInAppBrowser(ua)).toEqual({ app, os });
	});

	it.each(BROWSERS)('leaves %s alone', (_name, ua) => {
		expect(detectInAppBrowser(ua)).toBeNull();
	});

	it('tells the phone from its user agent', () => {
		expect(mobileOs(UA.chromeAndroid)).toBe('android');
		expect(mobileOs(UA.safariIphone)).toBe('ios');
		expect(mobileOs(UA.firefoxLinux)).toBe('other');
	});
});

describe('whether enrolment may go ahead', () => {
	const wechatIos = detectInAppBrowser(UA.wechatIos);
	const full = { serviceWorker: true, persistentStorage: true };

	it('always in the phone’s own browser', () => {
		expect(enrolVerdict(null, full)).toBe('browser');
		expect(enrolVerdict(null, { serviceWorker: false, persistentStorage: false })).toBe('browser');
	});

	it('inside an app only with both a service worker and persistent storage', () => {
		expect(enrolVerdict(wechatIos, full)).toBe('in-app-works');
		expect(enrolVerdict(wechatIos, { serviceWorker: false, persistentStorage: true })).toBe('in-app-blocked');
		expect(enrolVerdict(wechatIos, { serviceWorker: true, persistentStorage: false })).toBe('in-app-blocked');
	});
});
