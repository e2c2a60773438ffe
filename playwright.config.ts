import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
export const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

/** Debian's Chromium: Playwright may not download its own browser on these machines. */
export const chromiumLaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-dev-shm-usage',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
};

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		...devices['Pixel 5'],
		browserName: 'chromium',
		launchOptions: chromiumLaunchOptions
	},
	webServer: {
		// A fresh SQLite store each run, on the built app exactly as `npm start` serves it.
		command: `rm -rf ${DATA_DIR} && node scripts/start.js`,
		url: `http://localhost:${PORT}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, DOORSTEP_QUIET: '1' }
	}
});
