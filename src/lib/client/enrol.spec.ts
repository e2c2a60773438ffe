import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { visit } from '$tests/support/events';
import { openDoorstepDb } from './db';
import { enrolDevice, UnsentEventsError } from './enrol';
import { getSession, saveSession } from './session';

const enrolled = {
	deviceId: 'old',
	token: 'x'.repeat(43),
	volunteer: '小王',
	role: 'volunteer' as const,
	status: 'active' as const,
	team: { id: 't', name: '一队' }
};

afterEach(() => vi.unstubAllGlobals());

describe('re-opening an invitation on an enrolled device', () => {
	it('refuses while anything is unsent, asks the server nothing and changes nothing', async () => {
		const db = openDoorstepDb(`enrol-unsent-${Math.random()}`);
		await saveSession(db, enrolled);
		const e = visit({ id: 'e1', deviceId: 'old', householdId: 'h', roundId: 'r' });
		await db.events.add(e);
		await db.outbox.add({ id: 'e1', tries: 0, queuedAt: e.at });
		const fetch = vi.fn();
		vi.stubGlobal('fetch', fetch);
		await expect(enrolDevice(db, 'ABCDEFGH', '小王')).rejects.toEqual(new UnsentEventsError(1));
		expect(fetch).not.toHaveBeenCalled();
		expect(await getSession(db)).toEqual(enrolled);
		expect(await db.outbox.count()).toBe(1);
		expect(await db.events.get('e1')).toEqual(e);
	});

	it('with everything handed in, clears the old copy and keeps the new session', async () => {
		const db = openDoorstepDb(`enrol-clean-${Math.random()}`);
		await saveSession(db, enrolled);
		await db.events.add(visit({ id: 'e1', deviceId: 'old', householdId: 'h', roundId: 'r' }));
		const answer = {
			deviceId: 'new',
			token: 'y'.repeat(43),
			volunteer: '小王',
			role: 'volunteer',
			status: 'pending',
			team: { id: 't2', name: '二队' }
		};
		vi.stubGlobal(
			'fetch',
			vi.fn(
				async () =>
					new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })
			)
		);
		const session = await enrolDevice(db, 'ABCDEFGH', '小王');
		expect(session).toMatchObject({ deviceId: 'new', status: 'pending' });
		expect(await getSession(db)).toMatchObject({ deviceId: 'new' });
		expect(await db.events.count()).toBe(0);
	});
});
