import type { Page } from '@playwright/test';

/**
 * Every row of every store of the app's IndexedDB as the browser holds it (read with the raw
 * IndexedDB API, not through the app), as one text: what anyone with the phone and the
 * browser's developer tools could read. Byte arrays are decoded as UTF-8 so clear text inside
 * them would show too.
 */
export function rawIndexedDbText(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const idb = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('doorstep');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		const names = [...idb.objectStoreNames];
		const tx = idb.transaction(names, 'readonly');
		const rows = await Promise.all(
			names.map(
				(n) =>
					new Promise<unknown[]>((ok) => {
						const req = tx.objectStore(n).getAll();
						req.onsuccess = () => ok(req.result);
					})
			)
		);
		idb.close();
		const decoder = new TextDecoder();
		return JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? decoder.decode(v) : v));
	});
}
