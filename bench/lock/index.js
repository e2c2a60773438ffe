// Unlock benchmark: how long the PIN takes to open the data key (PBKDF2-SHA256 at the app's
// iteration count, then AES-GCM unwrap, both WebCrypto), in headless Chromium with the CPU at
// 1× and 4×. Run with `npm run bench:lock`. Prints the figures; the bound is 1 s at 4×.

import { createServer } from 'node:http';
import { calibrate, launchChromium, ms, summary, throttle } from '../lib/harness.js';

const ITERATIONS = 600_000; // src/lib/client/vault/pin-key.ts PIN_ITERATIONS
const REPS = 10;
const PORT = Number(process.env.BENCH_PORT ?? 4301);

/** One unlock in the page: derive the PIN's key, unwrap a data key with it. */
const unlockOnce = (/** @type {number} */ iterations) =>
	(async () => {
		const enc = new TextEncoder();
		const salt = crypto.getRandomValues(new Uint8Array(16));
		const iv = crypto.getRandomValues(new Uint8Array(12));
		const derive = async () => {
			const material = await crypto.subtle.importKey('raw', enc.encode('246813'), 'PBKDF2', false, ['deriveKey']);
			return crypto.subtle.deriveKey(
				{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
				material,
				{ name: 'AES-GCM', length: 256 },
				false,
				['encrypt', 'decrypt']
			);
		};
		const wrapped = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv },
			await derive(),
			crypto.getRandomValues(new Uint8Array(32))
		);
		const t0 = performance.now();
		await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, await derive(), wrapped);
		return performance.now() - t0;
	})();

const server = createServer((_req, res) =>
	res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>unlock</title>')
);
await new Promise((ok) => server.listen(PORT, '127.0.0.1', () => ok(undefined)));
const browser = await launchChromium();
try {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`http://127.0.0.1:${PORT}/`);
	for (const rate of [1, 4]) {
		const cdp = await throttle(context, page, rate);
		const cal = await calibrate(page);
		const runs = [];
		for (let i = 0; i < REPS; i++) runs.push(await page.evaluate(unlockOnce, ITERATIONS));
		const s = summary(runs);
		console.log(
			`CPU ${rate}×: unlock median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms, max ${ms(s.max)} ms (n=${s.n}; calibration loop ${ms(cal.ms)} ms)`
		);
		await cdp.detach();
	}
} finally {
	await browser.close();
	server.close();
}
