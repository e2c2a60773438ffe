import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium.js';
import { E2E_WORKERS, e2eServer } from './tests/support/e2e-server.js';

// This file is read again in each worker, where TEST_PARALLEL_INDEX names the worker: baseURL is
// then that worker's own server.
const PORT = e2eServer().port;

/** Debian's Chromium with the flags it needs here (tests/support/chromium.js), for the smoke test too. */
export const chromiumLaunchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };

export default defineConfig({
	testDir: 'tests/e2e',
	// Each worker runs whole files, one after another, on its own server (tests/support/e2e-server.js).
	fullyParallel: false,
	workers: E2E_WORKERS,
	// One more try for a failed test: on a 2-core box under load a test now and then misses a 5 s
	// wait (needs.spec's desk test in session 9's full run, resident-rating in the CI run after
	// it; neither failed again when run alone, nor in ten runs of the latter here). The list reporter
	// names every test that needed it as "flaky", with the first try's error and its pages'
	// uncaught errors (helpers.ts) in the log; a test that fails twice fails the run. A flaky
	// test is a bug to find, not a pass: the notes list each one seen.
	retries: 1,
	timeout: 60_000,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		...devices['Pixel 5'],
		browserName: 'chromium',
		// Debian's Chromium, as the benchmarks launch it.
		launchOptions: chromiumLaunchOptions
	},
	webServer: Array.from({ length: E2E_WORKERS }, (_, i) => e2eServer(i)).map(({ port, dataDir }) => ({
		// A fresh SQLite store each run, with the demo community loaded by the operator's command
		// (the tests read its random codes from the store, see helpers.ts), on the built app exactly as
		// `npm start` serves it. Approval is off and the team sees names in full, as the tests
		// of everything but approval and masking assume (deployment.spec.ts tests those).
		command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && npm run -s admin -- demo --approval off --full-team && node scripts/start.js`,
		url: `http://localhost:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		// Every test enrols from 127.0.0.1 with the same code: a whole suite's enrolments in
		// minutes are more than one code sees in the field (rate-limit.ts), so its budget is raised;
		// so is one address's budget of residents' asks (resident-limit.ts), which every resident
		// page of the suite (and a retried test's) shares.
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DOORSTEP_QUIET: '1',
			ENROL_PER_CODE: '1000',
			RESIDENT_PER_ADDRESS: '1000'
		}
	}))
});
