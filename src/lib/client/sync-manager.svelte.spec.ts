import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from './db';
import { saveSession } from './session';
import { syncManager } from './sync-manager.svelte';

// The browser boundary is stubbed (the network and navigator.onLine), never our own modules:
// the manager runs the real sync against the real Dexie database in fake-indexeddb.

const EMPTY_PAGE = {
	cursor: 0,
	more: false,
	epoch: 'test-store',
	scope: 0,
	households: [],
	rounds: [],
	orders: [],
	assignments: [],
	events: [],
	removedHouseholds: []
};

/** A server whose every answer waits until the test lets it go, counting requests in flight. */
function heldServer() {
	const requests: string[] = [];
	const held: { answer: () => void; fail: () => void }[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const fetch = (path: string) => {
		requests.push(path);
		maxInFlight = Math.max(maxInFlight, ++inFlight);
		return new Promise<Response>((resolve, reject) => {
			held.push({
				answer: () => {
					inFlight--;
					resolve(
						new Response(JSON.stringify(EMPTY_PAGE), { status: 200, headers: { 'content-type': 'application/json' } })
					);
				},
				fail: () => {
					inFlight--;
					reject(new TypeError('Failed to fetch'));
				}
			});
		});
	};
	return {
		fetch,
		requests,
		held,
		get maxInFlight() {
			return maxInFlight;
		},
		/** Lets the oldest held request go once it has been made. */
		async next(how: 'answer' | 'fail' = 'answer') {
			await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
			held.shift()![how]();
		}
	};
}

/** Lets pending promise callbacks and timers run, so a run that would start has started. */
const settle = () => new Promise((r) => setTimeout(r, 30));

let server: ReturnType<typeof heldServer>;

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	await saveSession(db, {
		deviceId: 'dev-1',
		token: 'secret',
		volunteer: '小王',
		role: 'volunteer',
		status: 'active',
		team: { id: 't', name: '一队' }
	});
	server = heldServer();
	vi.stubGlobal('fetch', server.fetch);
	vi.stubGlobal('navigator', { onLine: true });
});

afterEach(async () => {
	// Let any run still going finish before the next test swaps the stubs.
	while (server.held.length) server.held.shift()!.answer();
	await vi.waitFor(() => expect(syncManager.phase).not.toBe('syncing'));
	vi.unstubAllGlobals();
});

describe('sync manager', () => {
	it('joins requests made during a sync into one more run after it, never two at once', async () => {
		const first = syncManager.sync();
		await vi.waitFor(() => expect(server.requests).toHaveLength(1));
		expect(syncManager.phase).toBe('syncing');

		// The record, the online event and the button all ask while the pull is out.
		const asks = [syncManager.sync(), syncManager.sync(), syncManager.sync()];
		for (const p of asks) expect(p).toBe(first);
		await settle();
		expect(server.requests).toHaveLength(1);

		await server.next();
		await first;
		// Exactly one more run for the three requests, started after the first ended.
		await server.next();
		await vi.waitFor(() => expect(syncManager.phase).toBe('idle'));
		await settle();
		expect(server.requests).toHaveLength(2);
		expect(server.requests.every((r) => r.startsWith('/api/sync/pull?'))).toBe(true);
		expect(server.maxInFlight).toBe(1);
		expect((await db.meta.get('lastSync'))?.value).toBeTypeOf('string');
	});

	it('runs once when nobody asks again', async () => {
		const run = syncManager.sync();
		await server.next();
		await run;
		await settle();
		expect(server.requests).toHaveLength(1);
		expect(syncManager.phase).toBe('idle');
	});

	it('still runs the joined request when the first run fails, and ends in step', async () => {
		const first = syncManager.sync();
		await vi.waitFor(() => expect(server.requests).toHaveLength(1));
		void syncManager.sync();
		await server.next('fail');
		await first;
		// The failed run showed the device as offline; the joined run then got through.
		await server.next();
		await vi.waitFor(() => expect(syncManager.phase).toBe('idle'));
		expect(syncManager.error).toBe('');
		expect(server.requests).toHaveLength(2);
	});

	it('does not call the server while the device is offline', async () => {
		vi.stubGlobal('navigator', { onLine: false });
		await syncManager.sync();
		expect(syncManager.phase).toBe('offline');
		expect(server.requests).toHaveLength(0);
	});
});
