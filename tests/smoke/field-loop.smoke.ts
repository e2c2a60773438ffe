import { afterEach, describe, it } from 'vitest';
import { ServerProcess } from '../e2e/server-process';
import type { SmokeDriver } from './driver';
import { launchChromium, launchFirefox, launchWebKit } from './engines';
import { fieldLoop } from './field-loop';

// Each engine gets its own server and store. SMOKE_PORT moves the block of ports used (engines use
// base … base+2, WebKitWebDriver base+3) so parallel runs on one machine do not collide.
const BASE = Number(process.env.SMOKE_PORT ?? 4280);
const ENGINES: [string, () => Promise<SmokeDriver>][] = [
	['Chromium (Playwright)', launchChromium],
	['Firefox ESR (Puppeteer, WebDriver BiDi)', launchFirefox],
	['WebKitGTK (Selenium, WebDriver)', () => launchWebKit(BASE + 3)]
];

describe('the field loop in three engines', () => {
	let driver: SmokeDriver | null = null;
	let server: ServerProcess | null = null;
	afterEach(async () => {
		await driver?.close();
		await server?.kill();
		driver = server = null;
	});

	for (const [i, [name, launch]] of ENGINES.entries()) {
		it(`enrol, record offline from the service worker, sync once: ${name}`, async () => {
			server = new ServerProcess(BASE + i, `test-results/smoke-data-${i}`);
			await server.start();
			driver = await launch();
			await fieldLoop(driver, server);
		});
	}
});
