// bench:field's probes: functions serialised into the page and run there (Playwright's
// addInitScript / evaluate), so each is self-contained and uses only browser globals.

/** Installed before any page script: records when the first household chip appears and is painted. */
export function ttiProbe() {
	/** @type {any} */
	const out = (window.__tti = { origin: performance.timeOrigin });
	// A cold start opens on the PIN lock screen (issue 9): its own first paint, and the click on
	// "unlock" (typed by the bench), from which the grid's time after the unlock is counted.
	const lockCheck = () => {
		if (out.lockInserted !== undefined || !document.querySelector('[data-testid="lock-screen"]')) return;
		out.lockInserted = performance.now();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => (out.lockPainted = performance.now());
			ch.port2.postMessage(0);
		});
	};
	addEventListener(
		'click',
		(e) => {
			const t = e.target;
			if (t instanceof Element && t.closest('[data-testid="unlock-submit"]')) out.unlockAt ??= performance.now();
		},
		true
	);
	const check = () => {
		lockCheck();
		if (out.inserted !== undefined) return;
		const el = document.querySelector('[data-testid^="chip-"]');
		if (!el) return;
		out.inserted = performance.now();
		mo.disconnect();
		requestAnimationFrame(() => {
			out.frame = performance.now();
			// The first task after that frame: the chip has been painted and the main thread is free.
			const ch = new MessageChannel();
			ch.port1.onmessage = () => {
				out.painted = performance.now();
				const r = el.getBoundingClientRect();
				out.box = { w: r.width, h: r.height };
				out.disabled = /** @type {HTMLButtonElement} */ (el).disabled;
			};
			ch.port2.postMessage(0);
		});
	};
	const mo = new MutationObserver(check);
	mo.observe(document, { childList: true, subtree: true });
	// When the app's first read of households starts and ends (a getAll on the store, as
	// Dexie's toArray does, or on one of its indexes), and how many rows it returned.
	/**
	 * @param {{ getAll: (...a: any[]) => IDBRequest }} proto
	 * @param {(source: any) => IDBObjectStore} storeOf
	 */
	const probe = (proto, storeOf) => {
		const getAll = proto.getAll;
		/** @this {any} @param {any[]} args */
		proto.getAll = function (...args) {
			const req = getAll.apply(this, args);
			if (storeOf(this).name === 'households' && out.householdsStart === undefined) {
				out.householdsStart = performance.now();
				req.addEventListener('success', () => {
					out.householdsEnd = performance.now();
					out.householdsRead = req.result.length;
				});
			}
			return req;
		};
	};
	probe(IDBObjectStore.prototype, (/** @type {IDBObjectStore} */ s) => s);
	probe(IDBIndex.prototype, (/** @type {IDBIndex} */ i) => i.objectStore);
}

/** Installed on the tap page: the timestamps of the taps on the "all sampled" button. */
export function tapProbe() {
	/** @type {any} */
	const taps = (window.__taps = []);
	/** @type {Record<string, number> | null} */
	let cur = null;
	const on = (/** @type {'pointerdown' | 'pointerup' | 'click'} */ type) =>
		addEventListener(
			type,
			(e) => {
				const t = e.target;
				if (!(t instanceof Element) || !t.closest('[data-testid="all-sampled"]')) return;
				if (type === 'pointerdown') taps.push((cur = {}));
				if (!cur) return;
				cur[type] = e.timeStamp;
				// When the event reached the page's listeners (window, capture phase).
				cur[`${type}At`] = performance.now();
				if (type === 'click') cur.handler = cur.clickAt;
			},
			true
		);
	on('pointerdown');
	on('pointerup');
	on('click');
	// Tap → visible confirmation: when a chip's data-state turns "done" after the latest tap,
	// then the first task after the next animation frame (the chip painted in its new state).
	new MutationObserver((records) => {
		const tap = taps.at(-1);
		if (!tap || tap.chipAt !== undefined || tap.pointerup === undefined) return;
		const hit = records.some((r) => {
			const el = /** @type {Element} */ (r.target);
			return el.getAttribute?.('data-testid')?.startsWith('chip-') && el.getAttribute('data-state') === 'done';
		});
		if (!hit) return;
		tap.chipAt = performance.now();
		requestAnimationFrame(() => {
			tap.chipFrame = performance.now();
			const ch = new MessageChannel();
			ch.port1.onmessage = () => (tap.visible = performance.now());
			ch.port2.postMessage(0);
		});
	}).observe(document, { attributes: true, attributeFilter: ['data-state'], subtree: true });
}

/**
 * Installed on the tap page before the app loads: when the app's record transaction (events +
 * outbox, read-write) is created and when it completes, to split the tap-to-commit time.
 */
export function idbProbe() {
	/** @type {any} */
	const txs = (window.__idb = []);
	const orig = IDBDatabase.prototype.transaction;
	/**
	 * @this {IDBDatabase}
	 * @param {string | string[]} stores
	 * @param {IDBTransactionMode} [mode]
	 * @param {IDBTransactionOptions} [options]
	 */
	IDBDatabase.prototype.transaction = function (stores, mode, options) {
		const tx = orig.call(this, stores, mode, options);
		const names = typeof stores === 'string' ? [stores] : [...stores];
		if (this.name === 'doorstep' && mode === 'readwrite' && names.includes('events') && names.includes('outbox')) {
			/** @type {{ created: number, complete?: number }} */
			const rec = { created: performance.now() };
			txs.push(rec);
			tx.addEventListener('complete', () => (rec.complete = performance.now()));
		}
		return tx;
	};
}

/** Raw IndexedDB baseline: one put of a visit-sized object and its transaction's complete. */
/** @param {[number, string]} args  the visit's number, and 'plain' (one store) or 'app-shape' (events + outbox) */
export function rawPut([i, shape]) {
	const open = () =>
		new Promise((res, rej) => {
			const req = indexedDB.open('bench-raw', 1);
			req.onupgradeneeded = () => {
				const db = req.result;
				db.createObjectStore('plain', { keyPath: 'id' });
				const ev = db.createObjectStore('events', { keyPath: 'id' });
				ev.createIndex('householdId', 'householdId');
				ev.createIndex('type', 'type');
				db.createObjectStore('outbox', { keyPath: 'id' });
			};
			req.onsuccess = () => res(req.result);
			req.onerror = () => rej(req.error);
		});
	const done = (/** @type {IDBTransaction} */ tx) =>
		new Promise((res, rej) => {
			tx.oncomplete = res;
			tx.onerror = () => rej(tx.error);
			tx.onabort = () => rej(tx.error);
		});
	return (window.__rawDb ??= open()).then(async (/** @type {IDBDatabase} */ db) => {
		const id = `0198${String(i).padStart(4, '0')}-${Math.random().toString(16).slice(2, 14)}-7000-8000-000000000000`;
		const visit = {
			id,
			v: 1,
			deviceId: '01980000-0000-7000-8000-0000000000aa',
			volunteer: '王志愿',
			at: new Date().toISOString(),
			type: 'visit',
			householdId: `demo-9-1-${100 + i}`,
			roundId: 'round-1',
			outcome: 'sampled',
			sampled: 3,
			residents: 3,
			tube: '',
			note: '',
			replaces: []
		};
		const t0 = performance.now();
		if (shape === 'plain') {
			const tx = db.transaction('plain', 'readwrite');
			tx.objectStore('plain').put(visit);
			await done(tx);
		} else {
			// The app's shape: event (two indexes) and outbox row in one transaction.
			const tx = db.transaction(['events', 'outbox'], 'readwrite');
			tx.objectStore('events').put(visit);
			tx.objectStore('outbox').put({ id, tries: 0 });
			await done(tx);
		}
		return performance.now() - t0;
	});
}
