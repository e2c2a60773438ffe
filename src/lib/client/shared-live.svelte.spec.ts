import { describe, expect, it, vi } from 'vitest';
import { LockedError } from './vault/keyring';
import { subscribeShared } from './shared-live';

// Dexie's liveQuery runs any async function; these queries read no table, so they answer once.
// In the runes project: liveQuery answers nothing under plain Node.

describe('subscribeShared', () => {
	it('runs one query for every listener of a key, replays its answer to a late one, and starts afresh once all have left', async () => {
		let runs = 0;
		const query = async () => ({ run: ++runs });
		const a: unknown[] = [];
		const b: unknown[] = [];
		const stopA = subscribeShared('k1', query, (v) => a.push(v));
		const stopB = subscribeShared('k1', query, (v) => b.push(v));
		await vi.waitFor(() => expect(b).toHaveLength(1));
		expect(a).toEqual([{ run: 1 }]);
		expect(b[0]).toBe(a[0]);
		const c: unknown[] = [];
		const stopC = subscribeShared('k1', query, (v) => c.push(v));
		expect(c).toEqual([{ run: 1 }]);
		stopA();
		stopB();
		stopC();
		const d: unknown[] = [];
		const stopD = subscribeShared('k1', query, (v) => d.push(v));
		await vi.waitFor(() => expect(d).toEqual([{ run: 2 }]));
		stopD();
		expect(runs).toBe(2);
	});

	it('after a failed read (a locked keyring), the next listener starts a read of its own', async () => {
		const first: unknown[] = [];
		subscribeShared(
			'k2',
			() => Promise.reject(new Error('locked')),
			(v) => first.push(v)
		);
		await new Promise((r) => setTimeout(r, 0));
		const next: unknown[] = [];
		const stop = subscribeShared(
			'k2',
			async () => 'opened',
			(v) => next.push(v)
		);
		await vi.waitFor(() => expect(next).toEqual(['opened']));
		expect(first).toEqual([]);
		stop();
	});

	it('says a failed read on the console by its kind and message, and a locked keyring not at all', async () => {
		const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			const stops = [
				subscribeShared(
					'k3',
					() => Promise.reject(new TypeError('Illegal invocation')),
					() => undefined
				),
				subscribeShared(
					'k4',
					() => Promise.reject(new LockedError()),
					() => undefined
				)
			];
			await vi.waitFor(() => expect(said).toHaveBeenCalledTimes(1));
			await new Promise((r) => setTimeout(r, 20));
			expect(said.mock.calls).toEqual([['live query failed: TypeError: Illegal invocation']]);
			for (const stop of stops) stop();
		} finally {
			said.mockRestore();
		}
	});
});
