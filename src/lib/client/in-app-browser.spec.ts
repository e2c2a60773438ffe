import { describe, expect, it } from 'vitest';
import { detectInAppBrowser, enrolVerdict, mobileOs } from './in-app-browser';

// User agents as these apps send them (captured from real phones and published UA lists).
const IN_APP: [string, string, string][] = [
	[
		'wechat',
		'android',
		'Mozilla/5.0 (Linux; Android 12; M2012K11AC Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/86.0.4240.99 XWEB/4317 MMWEBSDK/20220903 Mobile Safari/537.36 MMWEBID/6294 MicroMessenger/8.0.28.2240(0x28001C35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
	],
	[
		'wechat',
		'android',
		'Mozilla/5.0 (Linux; Android 9; V1809A Build/PKQ1.181030.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.126 MQQBrowser/6.2 TBS/045130 Mobile Safari/537.36 MMWEBID/4285 MicroMessenger/7.0.12.1620(0x27000C37) Process/tools NetType/4G Language/zh_CN ABI/arm64'
	],
	[
		'wechat',
		'ios',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.30(0x18001e31) NetType/WIFI Language/zh_CN'
	],
	[
		'qq',
		'android',
		'Mozilla/5.0 (Linux; Android 12; PEQM00 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.72 MQQBrowser/6.2 TBS/046011 Mobile Safari/537.36 V1_AND_SQ_8.8.80_2398_YYB_D A_8088000 QQ/8.8.80.7400 NetType/WIFI WebP/0.3.0 Pixel/1080 StatusBarHeight/110 SimpleUISwitch/0 QQTheme/1000 InMagicWin/0'
	],
	[
		'qq',
		'ios',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.8.88.650 V1_IPH_SQ_8.8.88_1_APP_A Pixel/1170 MiniAppEnable SimpleUISwitch/0 StudyMode/0 QQTheme/1000 Core/WKWebView Device/Apple(iPhone 12) NetType/WIFI QBWebViewType/1 WKType/1'
	],
	[
		'alipay',
		'android',
		'Mozilla/5.0 (Linux; U; Android 10; zh-CN; V2001A Build/QP1A.190711.020) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.1.210 Mobile Safari/537.36 AliApp(AP/10.2.28.7000) AlipayClient/10.2.28.7000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CN NebulaX/1.0.0 Ariver/1.0.0'
	],
	[
		'alipay',
		'ios',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 14_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.2.20.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.2.20.6000 Language/zh-Hans Region/CN NebulaX/1.0.0'
	],
	[
		'dingtalk',
		'android',
		'Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2007J22C Build/RP1A.200720.011) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.0.36 Mobile Safari/537.36 AliApp(DingTalk/6.0.25) com.alibaba.android.rimet/21337040 Channel/227200 language/zh-CN abi/64 UT4Aplus/0.2.25 colorFilter/0'
	],
	[
		'dingtalk',
		'ios',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/6.3.5) com.laiwang.DingTalk/22234744 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK'
	]
];

// The phones' own browsers, including the Chinese ones that look like in-app views but are not.
const BROWSERS: [string, string][] = [
	['Chrome, Android', 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'],
	[
		'Safari, iPhone',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6.6 Mobile/15E148 Safari/604.1'
	],
	[
		'QQ Browser, Android',
		'Mozilla/5.0 (Linux; U; Android 10; zh-cn; V1990A Build/QP1A.190711.020) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.141 MQQBrowser/12.1 Mobile Safari/537.36 COVC/045935'
	],
	[
		'QQ Browser, iPhone',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MQQBrowser/11.9.1 Mobile/15E148 Safari/604.1 QBWebViewUA/2 QBWebViewType/1 WKType/1'
	],
	[
		'UC Browser, Android',
		'Mozilla/5.0 (Linux; U; Android 11; zh-CN; M2011K2C Build/RKQ1.200928.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/15.0.0.1180 Mobile Safari/537.36'
	],
	[
		'Huawei Browser',
		'Mozilla/5.0 (Linux; Android 10; HarmonyOS; ELS-AN00; HMSCore 6.5.0.312) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.105 HuaweiBrowser/12.1.0.303 Mobile Safari/537.36'
	],
	['Firefox, Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0']
];

describe('in-app browser detection', () => {
	it.each(IN_APP)('recognises %s on %s', (app, os, ua) => {
		expect(detectInAppBrowser(ua)).toEqual({ app, os });
	});

	it.each(BROWSERS)('leaves %s alone', (_name, ua) => {
		expect(detectInAppBrowser(ua)).toBeNull();
	});

	it('tells the phone from its user agent', () => {
		expect(mobileOs(BROWSERS[0][1])).toBe('android');
		expect(mobileOs(BROWSERS[1][1])).toBe('ios');
		expect(mobileOs(BROWSERS[6][1])).toBe('other');
	});
});

describe('whether enrolment may go ahead', () => {
	const wechatIos = detectInAppBrowser(IN_APP[2][2]);
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
