/**
 * The little a smoke test needs from a browser, so one scenario runs on three engines driven three
 * ways (Playwright, Puppeteer over WebDriver BiDi, Selenium over WebDriver classic).
 */
export interface SmokeDriver {
	readonly engine: string;
	goto(url: string): Promise<void>;
	click(selector: string): Promise<void>;
	fill(selector: string, text: string): Promise<void>;
	/** Runs `body` as the body of an async function in the page and returns its JSON result. */
	run<T>(body: string): Promise<T>;
	close(): Promise<void>;
}

/** Polls until `probe` returns a value that is not null/false, or fails naming what it waited for. */
export async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== null && value !== false) return value;
		} catch (err) {
			last = err;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The text of the first element matching `selector`, or null while there is none. */
export function textOf(driver: SmokeDriver, selector: string): Promise<string | null> {
	return driver.run<string | null>(
		`return document.querySelector(${JSON.stringify(selector)})?.textContent?.trim() ?? null;`
	);
}
