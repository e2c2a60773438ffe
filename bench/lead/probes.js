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
 * In the page: the app's database read with raw IndexedDB as the lead screen reads it (all
 * households; visit and void events through the type index; rounds), then the screen's own
 * computation (bundled from the same modules) timed on it, and a bare getAll of the households.
 */
/** @param {[number]} args  how many measured rounds (one more is run as a warm-up) */
export function computeInPage([reps]) {
	const req = (/** @type {IDBRequest} */ r) =>
		new Promise((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
	const read = async (/** @type {IDBDatabase} */ db) => {
		const tx = db.transaction(['households', 'events', 'rounds']);
		const ev = tx.objectStore('events').index('type');
		const [households, visits, voids, rounds] = await Promise.all([
			req(tx.objectStore('households').getAll()),
			req(ev.getAll('visit')),
			req(ev.getAll('void')),
			req(tx.objectStore('rounds').getAll())
		]);
		return { households, events: visits.concat(voids), rounds };
	};
	return req(indexedDB.open('doorstep')).then(async (db) => {
		/** @type {any} */
		const out = { compute: [], rawHouseholds: [], readAll: [] };
		/** @type {any} */
		let data;
		/** @type {any} */
		let result;
		for (let k = 0; k <= reps; k++) {
			let t0 = performance.now();
			const tx = db.transaction('households');
			const hs = await req(tx.objectStore('households').getAll());
			const raw = performance.now() - t0;
			t0 = performance.now();
			data = await read(db);
			const readAll = performance.now() - t0;
			t0 = performance.now();
			result = window.LeadBench.leadCoverage(data.households, data.events, data.rounds);
			const compute = performance.now() - t0;
			// The first round is a warm-up (code not yet optimised, caches cold): not counted.
			if (k > 0) {
				out.rawHouseholds.push(raw);
				out.readAll.push(readAll);
				out.compute.push(compute);
			}
			out.rawRows = hs.length;
		}
		db.close();
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
	const out = (window.__total = {});
	const check = () => {
		const el = document.querySelector('[data-testid="team-total"]');
		if (!el) return;
		out.inserted ??= performance.now();
		if (out.final !== undefined) return;
		if (!el.textContent.replace(/[,\s]/g, '').includes(expected)) return;
		out.final = performance.now();
		mo.disconnect();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => (out.painted = performance.now());
			ch.port2.postMessage(0);
		});
	};
	const mo = new MutationObserver(check);
	mo.observe(document, { childList: true, subtree: true, characterData: true });
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
