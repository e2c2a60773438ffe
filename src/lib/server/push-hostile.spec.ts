import { describe, expect, it } from 'vitest';
import { pushEvents } from './push';
import { STORES, freshStore } from './testing/stores';
import { count, demoTeam, visit } from './testing/fixtures';

/** An object nested `depth` levels: JSON.stringify and zod would overflow the stack on it. */
function nested(depth: number): unknown {
	let v: unknown = 1;
	for (let i = 0; i < depth; i++) v = { a: v };
	return v;
}

describe.each(STORES)('hostile events on $name', (kind) => {
	const db = freshStore(kind);

	it('refuses a deeply nested event on its own; the rest of the batch is stored', async () => {
		const { volunteer, roundId } = await demoTeam(db());
		const good = (n: number) =>
			visit({ id: `good-${n}`, deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-101' });
		const deep = { ...good(9), id: 'deep', note: nested(100_000) };
		const deepArray = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)) as unknown;
		const results = await pushEvents(db(), volunteer, [good(1), deep, deepArray, good(2)], 4);
		expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
		expect(results[1].reason).toMatch(/^note(\.a)*: nested deeper than 8 levels$/);
		expect(results[2].reason).toMatch(/nested deeper than 8 levels/);
		expect(await count(db(), 'events')).toBe(2);
		const kept = await db().all<{ event_id: string; body: string }>(
			'SELECT event_id, body FROM quarantine ORDER BY id'
		);
		expect(kept.map((q) => q.event_id)).toEqual(['deep', '']);
	});

	it('refuses NUL in any text field or field name, and numbers out of range, the same on both stores', async () => {
		const { volunteer, roundId } = await demoTeam(db());
		const base = () => visit({ deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-101' });
		const events: unknown[] = [
			{ ...base(), id: 'nul-note', note: 'a\u0000b' },
			{ ...base(), id: 'nul-volunteer', volunteer: '\u0000' },
			{ ...base(), id: 'nul-key', ['x\u0000']: 1 },
			{ ...base(), id: 'nul-replaces', replaces: ['ok', 'b\u0000'] },
			{ ...base(), id: 'huge', sampled: 2 ** 53 + 2 },
			{ ...base(), id: 'infinite', residents: Infinity },
			{ ...base(), id: 'big-int', sampled: 2 ** 31 }
		];
		const results = await pushEvents(db(), volunteer, events, 0);
		expect(results.map((r) => [r.id, r.status, r.reason])).toEqual([
			['nul-note', 'rejected', 'note: contains a NUL character, which cannot be stored'],
			['nul-volunteer', 'rejected', 'volunteer: contains a NUL character, which cannot be stored'],
			['nul-key', 'rejected', 'event: a field name contains a NUL character'],
			['nul-replaces', 'rejected', 'replaces.1: contains a NUL character, which cannot be stored'],
			['huge', 'rejected', 'sampled: number out of range'],
			['infinite', 'rejected', 'residents: number out of range'],
			['big-int', 'rejected', expect.stringMatching(/^sampled: Too big/)]
		]);
		expect(await count(db(), 'events')).toBe(0);
		expect(await count(db(), 'quarantine')).toBe(7);
	});

	it('stores the pending count a device reports, which the request schema bounds', async () => {
		const { volunteer } = await demoTeam(db());
		await pushEvents(db(), volunteer, [], 999_999);
		expect(await db().get('SELECT last_pending FROM devices WHERE id = ?', [volunteer.deviceId])).toEqual({
			last_pending: 999_999
		});
	});
});
