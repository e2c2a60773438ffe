import { describe, expect, it } from 'vitest';
import { UA } from '../../../tests/fixtures/user-agents';
import { installAdvice } from './install-advice';

const {
	chromeAndroid: ANDROID_CHROME,
	safariIphone: IPHONE_SAFARI,
	wechatIos: IPHONE_WECHAT,
	firefoxLinux: FIREFOX
} = UA;

describe('install advice', () => {
	it('has nothing to say once the app runs from the home screen', () => {
		for (const ua of [ANDROID_CHROME, IPHONE_SAFARI, FIREFOX]) expect(installAdvice(ua, true, true)).toBe('installed');
	});

	it('offers the browser’s own install prompt when there is one', () => {
		expect(installAdvice(ANDROID_CHROME, false, true)).toBe('prompt');
	});

	it('shows Share → Add to Home Screen on an iPhone’s browser, not inside WeChat', () => {
		expect(installAdvice(IPHONE_SAFARI, false, false)).toBe('ios-steps');
		expect(installAdvice(IPHONE_WECHAT, false, false)).toBe('none');
	});

	it('says nothing where no install path exists', () => {
		expect(installAdvice(ANDROID_CHROME, false, false)).toBe('none');
		expect(installAdvice(FIREFOX, false, false)).toBe('none');
	});
});
