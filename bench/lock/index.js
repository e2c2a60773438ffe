// Unlock benchmark (issue 9), in headless Chromium with the CPU at 1× and 4×. Three ways to open
// the data key, measured in the same run, interleaved:
// - pin: PBKDF2-SHA256 at the app's iteration count, then AES-GCM unwrap (WebCrypto), as
//   unwrapKey() does — the baseline;
// - pin + back-off: the same, after the back-off check unlock() now makes first (the wrong-PIN
//   count and the stored time of the next try read from IndexedDB, nextTryAt computed);
// - fingerprint (PRF): a WebAuthn assertion with the PRF extension from Chromium's virtual
//   platform authenticator (CDP WebAuthn domain), HKDF to an AES-GCM key, unwrap — as
//   unwrapWithPrf() does. The virtual authenticator answers at once: this is the browser and
//   crypto path, not a real sensor nor the person's finger.
// Run with `npm run bench:lock`. Prints the figures; the bound is 1 s at 4×.

import { createServer } from 'node:http';
import { calibrate, launchChromium, ms, summary, throttle } from '../lib/harness.js';

const ITERATIONS = 600_000; // src/lib/client/vault/pin-key.ts PIN_ITERATIONS
const REPS = Number(process.env.BENCH_LOCK_REPS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 4301);

/** Sets up the page once: a wrapped key for the PIN, the meta rows, a PRF credential and its wrapped key. */
const setUp = (/** @type {number} */ iterations) =>
	(async () => {
		const w = /** @type {any} */ (globalThis);
		const enc = new TextEncoder();
		const random = (/** @type {number} */ n) => crypto.getRandomValues(new Uint8Array(n));
		const dataKey = random(32);
		const salt = random(16);
		const iv = random(12);
		w.derivePin = async () => {
			const material = await crypto.subtle.importKey('raw', enc.encode('246813'), 'PBKDF2', false, ['deriveKey']);
			return crypto.subtle.deriveKey(
				{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
				material,
				{ name: 'AES-GCM', length: 256 },
				false,
				['encrypt', 'decrypt']
			);
		};
		w.pinWrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await w.derivePin(), dataKey);
		w.pinIv = iv;
		// The meta store as the app keeps it (a wait already over, as on an ordinary unlock).
		w.idb = await new Promise((ok, no) => {
			const req = indexedDB.open('bench-lock', 1);
			req.onupgradeneeded = () => req.result.createObjectStore('meta', { keyPath: 'key' });
			req.onsuccess = () => ok(req.result);
			req.onerror = () => no(req.error);
		});
		await new Promise((ok) => {
			const tx = w.idb.transaction('meta', 'readwrite');
			tx.objectStore('meta').put({ key: 'pinFails', value: 4 });
			tx.objectStore('meta').put({ key: 'pinRetryAt', value: Date.now() - 1000 });
			tx.oncomplete = ok;
		});
		// Fingerprint: a platform credential with PRF, and the data key wrapped under its secret.
		const prfSalt = random(32);
		const made = await navigator.credentials.create({
			publicKey: {
				rp: { name: 'bench' },
				user: { id: random(16), name: 'bench', displayName: 'bench' },
				challenge: random(32),
				pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
				authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required' },
				extensions: { prf: { eval: { first: prfSalt } } }
			}
		});
		const credentialId = new Uint8Array(/** @type {PublicKeyCredential} */ (made).rawId);
		w.prfSecret = async () => {
			const got = /** @type {PublicKeyCredential} */ (
				await navigator.credentials.get({
					publicKey: {
						challenge: random(32),
						allowCredentials: [{ type: 'public-key', id: credentialId }],
						userVerification: 'required',
						extensions: { prf: { eval: { first: prfSalt } } }
					}
				})
			);
			const first = got.getClientExtensionResults().prf?.results?.first;
			if (!first) throw new Error('no PRF result');
			return first;
		};
		w.prfKey = async (/** @type {BufferSource} */ secret) => {
			const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
			return crypto.subtle.deriveKey(
				{ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode('doorstep data key') },
				material,
				{ name: 'AES-GCM', length: 256 },
				false,
				['encrypt', 'decrypt']
			);
		};
		w.prfIv = random(12);
		w.prfWrapped = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv: w.prfIv },
			await w.prfKey(await w.prfSecret()),
			dataKey
		);
	})();

/** One unlock of the given kind, timed in the page. */
const unlockOnce = (/** @type {'pin' | 'backoff' | 'prf'} */ kind) =>
	(async () => {
		const w = /** @type {any} */ (globalThis);
		const get = (/** @type {string} */ key) =>
			new Promise((ok) => {
				const req = w.idb.transaction('meta').objectStore('meta').get(key);
				req.onsuccess = () => ok(req.result?.value);
			});
		const t0 = performance.now();
		if (kind === 'prf') {
			await crypto.subtle.decrypt({ name: 'AES-GCM', iv: w.prfIv }, await w.prfKey(await w.prfSecret()), w.prfWrapped);
			return performance.now() - t0;
		}
		if (kind === 'backoff') {
			// vault.ts pinTries + backoff.ts nextTryAt: the count, the stored time, the schedule's cap.
			const fails = Number((await get('pinFails')) ?? 0);
			const stored = /** @type {number | undefined} */ (await get('pinRetryAt'));
			const wait = fails <= 3 ? 0 : Math.min(30_000 * 2 ** (fails - 4), 15 * 60_000);
			const retryAt = stored === undefined ? t0 : Math.min(stored, Date.now() + wait);
			if (retryAt > Date.now()) throw new Error('still waiting');
		}
		await crypto.subtle.decrypt({ name: 'AES-GCM', iv: w.pinIv }, await w.derivePin(), w.pinWrapped);
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
	// WebAuthn needs a domain (an IP address is not one): localhost is a secure context.
	await page.goto(`http://localhost:${PORT}/`);
	const auth = await context.newCDPSession(page);
	await auth.send('WebAuthn.enable', { enableUI: false });
	await auth.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			ctap2Version: 'ctap2_1',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			hasPrf: true,
			automaticPresenceSimulation: true
		}
	});
	await page.evaluate(setUp, ITERATIONS);
	/** @type {Array<'pin' | 'backoff' | 'prf'>} */
	const allKinds = ['pin', 'backoff', 'prf'];
	for (const rate of [1, 4]) {
		// The fingerprint path only at 1×: under the CPU throttle Chromium's virtual authenticator
		// did not answer within minutes (a property of the test double, not of the app).
		const kinds = rate === 1 ? allKinds : allKinds.filter((k) => k !== 'prf');
		const cdp = await throttle(context, page, rate);
		const cal = await calibrate(page);
		/** @type {Record<string, number[]>} */
		const runs = { pin: [], backoff: [], prf: [] };
		for (let i = 0; i < REPS; i++) {
			// Rotated, so no kind always runs first after a pause.
			for (let k = 0; k < kinds.length; k++) {
				const kind = kinds[(i + k) % kinds.length];
				runs[kind].push(await page.evaluate(unlockOnce, kind));
			}
		}
		const line = (/** @type {string} */ label, /** @type {number[]} */ xs) => {
			const s = summary(xs);
			return `${label} median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms, max ${ms(s.max)} ms`;
		};
		const pin = summary(runs.pin).median;
		console.log(`CPU ${rate}× (n=${REPS} each; calibration loop ${ms(cal.ms)} ms):`);
		console.log(`  ${line('PIN', runs.pin)}`);
		console.log(
			`  ${line('PIN + back-off check', runs.backoff)} (÷ PIN ${(summary(runs.backoff).median / pin).toFixed(2)})`
		);
		if (runs.prf.length)
			console.log(
				`  ${line('fingerprint (PRF, virtual authenticator)', runs.prf)} (÷ PIN ${(summary(runs.prf).median / pin).toFixed(2)})`
			);
		await cdp.detach();
	}
} finally {
	await browser.close();
	server.close();
}
