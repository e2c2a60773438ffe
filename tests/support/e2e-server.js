// Where this Playwright worker's test server listens and keeps its store. Each worker has a
// server of its own (playwright.config.ts starts one per worker): the specs change the demo
// community's households as a volunteer would, so two workers on one store would see each
// other's records. Worker 0 keeps E2E_PORT and E2E_DATA_DIR; worker n listens 20 + n above
// (the specs' own servers take E2E_PORT + 6 to + 14) and keeps its store beside worker 0's.

/** How many workers the e2e run uses (E2E_WORKERS, 2 by default: this project's CI box has 2 cores). */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2);

/** The run's base port (E2E_PORT): worker 0's server; the specs' own servers take fixed offsets from it. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
/** The run's base data directory (E2E_DATA_DIR): worker 0's store; the others' sit beside it. */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

/**
 * @param {number} [index]  the worker's parallel index; Playwright sets TEST_PARALLEL_INDEX in each worker
 * @returns {{ port: number, dataDir: string }}
 */
export function e2eServer(index = Number(process.env.TEST_PARALLEL_INDEX ?? 0)) {
	return index === 0
		? { port: E2E_PORT, dataDir: E2E_DATA_DIR }
		: { port: E2E_PORT + 20 + index, dataDir: `${E2E_DATA_DIR}-w${index}` };
}
