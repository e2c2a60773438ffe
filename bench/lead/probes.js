// bench:lead's probes: functions serialised into the page and run there (Playwright's
// addInitScript / evaluate), so each is self-contained and uses only browser globals.

/** Installed on the import page: when the file is set, the preview, the plan, the tap and the result. */
export function importProbe() {
	/** @type {any} */
	const t = (window.__imp = {});
	addEventListener(
		'change',
		(e) => {
			if (e.target instanceof HTMLInputElement && e.target.type === 'file') t.set = performance.now();
		},
		true
	);
	addEventListener(
		'click',
		(e) => {
			if (e.target instanceof Element && e.target.closest('[data-testid="import-confirm"]'))
				t.confirm = performance.now();
		},
		true
	);
	const seen = (/** @type {string} */ id, /** @type {string} */ key) => {
		if (t[key] === undefined && document.querySelector(`[data-testid="${id}"]`)) t[key] = performance.now();
	};
	new MutationObserver(() => {
		seen('import-counts', 'counts');
		seen('import-plan', 'plan');
		seen('import-done', 'done');
		if (t.done !== undefined && t.idle === undefined && !document.querySelector('progress')) t.idle = performance.now();
	}).observe(document, { childList: true, subtree: true });
}

/**
 * In the page: the lead screen's read and computation, from the bundle of the screen's own
 * modules (./compute.js): the app's database unlocked with the PIN, then each round the read as
 * `fieldData()` does it (Dexie, rows opened by the sealing middleware), the computation on what
 * it read, and — the baseline — a bare raw IndexedDB getAll of the households as stored (sealed).
 */
/** @param {[number, string]} args  how many measured rounds (one more is run as a warm-up), the PIN */
export function computeInPage([reps, pin]) {
	const req = (/** @type {IDBRequest} */ r) =>
		new Promise((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
	return Promise.all([req(indexedDB.open('doorstep')), window.LeadBench.unlockedDb(pin)]).then(async ([raw, app]) => {
		/** @type {any} */
		const out = { compute: [], rawHouseholds: [], readAll: [] };
		/** @type {any} */
		let data;
		/** @type {any} */
		let result;
		for (let k = 0; k <= reps; k++) {
			let t0 = performance.now();
			const hs = await req(raw.transaction('households').objectStore('households').getAll());
			const rawMs = performance.now() - t0;
			t0 = performance.now();
			data = await window.LeadBench.readAsApp(app);
			const readAll = performance.now() - t0;
			t0 = performance.now();
			result = window.LeadBench.leadCoverage(data.households, data.events, data.rounds);
			const compute = performance.now() - t0;
			// The first round is a warm-up (code not yet optimised, caches cold): not counted.
			if (k > 0) {
				out.rawHouseholds.push(rawMs);
				out.readAll.push(readAll);
				out.compute.push(compute);
			}
			out.rawRows = hs.length;
			out.rawSealed = hs.filter((/** @type {any} */ h) => h.sealed instanceof Uint8Array).length;
		}
		raw.close();
		app.close();
		const total = result.team.total;
		out.households = data.households.length;
		out.events = data.events.length;
		out.total = { ...total };
		out.missingFloors = result.missing.length;
		out.missingHouseholds = result.missingCount.households;
		out.disagreements = result.team.disagreements.length;
		return out;
	});
}

/** Installed before any page script: when team-total first shows, and when it shows the full fold. */
/** @param {string} expected  the team total the screen shows once everything is folded */
export function totalProbe(expected) {
	/** @type {any} */
	const out = (window.__total = { origin: performance.timeOrigin });
	// A reload opens on the PIN lock screen (issue 9): when it is painted, and the tap on
	// "unlock" (the PIN typed by the bench), from which the screen's own time after it is counted.
	addEventListener(
		'click',
		(e) => {
			if (e.target instanceof Element && e.target.closest('[data-testid="unlock-submit"]'))
				out.unlockAt ??= performance.now();
		},
		true
	);
	const check = () => {
		if (out.lockInserted === undefined && document.querySelector('[data-testid="lock-screen"]')) {
			out.lockInserted = performance.now();
			requestAnimationFrame(() => {
				const ch = new MessageChannel();
				ch.port1.onmessage = () => (out.lockPainted = performance.now());
				ch.port2.postMessage(0);
			});
		}
		const el = document.querySelector('[data-testid="team-total"]');
		if (!el) return;
		out.inserted ??= performance.now();
		if (!el.textContent.replace(/[,\s]/g, '').includes(expected)) return;
		const stamp = (/** @type {string} */ at, /** @type {string} */ painted) => {
			out[at] = performance.now();
			requestAnimationFrame(() => {
				const ch = new MessageChannel();
				ch.port1.onmessage = () => (out[painted] = performance.now());
				ch.port2.postMessage(0);
			});
		};
		// The full count, whether from the last open's snapshot (issue 13) or the live read.
		if (out.final === undefined) stamp('final', 'painted');
		// The same count computed from the rows now on the device (data-live; a build before the
		// snapshot has no such attribute and every figure it shows is live).
		if (out.liveFinal === undefined && el.getAttribute('data-live') !== 'no') {
			stamp('liveFinal', 'livePainted');
			mo.disconnect();
		}
	};
	const mo = new MutationObserver(check);
	mo.observe(document, {
		childList: true,
		subtree: true,
		characterData: true,
		attributes: true,
		attributeFilter: ['data-live']
	});
	const getAll = IDBObjectStore.prototype.getAll;
	/** @this {IDBObjectStore} @param {any} args */
	IDBObjectStore.prototype.getAll = function (...args) {
		const r = getAll.apply(this, /** @type {any} */ (args));
		if (this.name === 'households' && out.householdsStart === undefined) {
			out.householdsStart = performance.now();
			r.addEventListener('success', () => {
				out.householdsEnd = performance.now();
				out.householdsRead = r.result.length;
			});
		}
		return r;
	};
}
