import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { household } from '$tests/support/events';
import { openDoorstepDb } from './db';
import { CARE_STAMP_KEY } from './care-fold';
import { saveSession, signOut, UnsentEventsError } from './session';

describe('signOut', () => {
	it('leaves every store empty, meta included, though clearing the roster stamps it', async () => {
		const db = openDoorstepDb(`session-${Math.random()}`);
		await saveSession(db, { deviceId: 'd1' } as never);
		await db.households.put(household('h1'));
		expect(await db.meta.get(CARE_STAMP_KEY)).toBeDefined();
		await signOut(db);
		for (const t of db.tables) if (t.name !== 'aside') expect(await t.count(), t.name).toBe(0);
		db.close();
	});

	it('refuses while an event is unsent, and clears nothing', async () => {
		const db = openDoorstepDb(`session-${Math.random()}`);
		await saveSession(db, { deviceId: 'd1' } as never);
		await db.outbox.put({ id: 'e1', tries: 0, queuedAt: new Date().toISOString() });
		await expect(signOut(db)).rejects.toBeInstanceOf(UnsentEventsError);
		expect(await db.meta.get('session')).toBeDefined();
		db.close();
	});
});
