import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { OutgoingNeed, Transfers } from '$lib/domain/needs/transfer-api';
import { openDoorstepDb } from './db';
import { RequestError } from './request';
import type { Session } from './session';
import { keepPassedOn, keptPassedOn, loadTransfers } from './transfers-kept';
import { signOut } from './session';
import { Keyring } from './vault/keyring';
import { setPin, wipeResidentData } from './vault/vault';

const lead: Session = {
	deviceId: 'd-lead',
	token: 't',
	volunteer: '甲队长',
	role: 'lead',
	status: 'active',
	team: { id: 'team-a', name: '甲社区' }
};
const volunteer: Session = { ...lead, deviceId: 'd-vol', role: 'volunteer' };
const out = (needId: string, state: OutgoingNeed['state']): OutgoingNeed => ({
	needId,
	to: { id: 'team-b', name: '乙社区' },
	at: '2026-12-01T08:00:00.000Z',
	state
});
const answer = (...outgoing: OutgoingNeed[]): Transfers => ({ incoming: [], outgoing });
const offline = async (): Promise<Transfers> => {
	throw new RequestError('offline', 'no connection to the server');
};
const fresh = () => openDoorstepDb(`kept-${Math.random()}`, new Keyring());

describe('the lead’s passed-on requests kept on the device', () => {
	it('answers from the server when it answers, and from the kept copy when it does not', async () => {
		const db = fresh();
		const got = await loadTransfers(db, lead, async () => answer(out('n1', 'taken')));
		expect(got.passedOn).toEqual({ rows: [{ needId: 'n1', to: '乙社区', state: 'taken' }], keptAt: null });

		const off = await loadTransfers(db, lead, offline);
		expect('error' in off && off.error).toBeInstanceOf(RequestError);
		expect(off.passedOn.rows).toEqual([{ needId: 'n1', to: '乙社区', state: 'taken' }]);
		expect(off.passedOn.keptAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		db.close();
	});

	it('replaces the kept copy with every newer answer, an empty one included', async () => {
		const db = fresh();
		await keepPassedOn(db, lead, answer(out('n1', 'passed'), out('n2', 'passed')), new Date('2026-12-01T09:00:00Z'));
		await keepPassedOn(db, lead, answer(out('n2', 'done')), new Date('2026-12-01T10:00:00Z'));
		expect(await keptPassedOn(db)).toEqual({
			rows: [{ needId: 'n2', to: '乙社区', state: 'done' }],
			keptAt: '2026-12-01T10:00:00.000Z'
		});
		await keepPassedOn(db, lead, answer());
		expect(await keptPassedOn(db)).toEqual({ rows: [], keptAt: null });
		db.close();
	});

	it('never keeps it on a volunteer’s device', async () => {
		const db = fresh();
		await loadTransfers(db, volunteer, async () => answer(out('n1', 'passed')));
		expect(await db.needTransfers.count()).toBe(0);
		expect((await loadTransfers(db, volunteer, offline)).passedOn.rows).toEqual([]);
		db.close();
	});

	it('seals the kept rows under the PIN like the lead’s other data, all but the request id', async () => {
		const name = `kept-${Math.random()}`;
		const keyring = new Keyring();
		const db = openDoorstepDb(name, keyring);
		await setPin(db, keyring, '482913', undefined, 10_000);
		await keepPassedOn(db, lead, answer(out('n1', 'taken')));
		const raw = await new Dexie(name).open();
		const text = JSON.stringify(await raw.table('needTransfers').toArray());
		raw.close();
		expect(text).toContain('n1');
		expect(text).not.toContain('乙社区');
		expect(text).not.toContain('taken');
		expect((await keptPassedOn(db)).rows).toEqual([{ needId: 'n1', to: '乙社区', state: 'taken' }]);
		keyring.lock();
		expect(await keptPassedOn(db)).toEqual({ rows: [], keptAt: null });
		db.close();
	});

	it('goes with a wipe and with signing out (re-enrolment)', async () => {
		const db = fresh();
		await keepPassedOn(db, lead, answer(out('n1', 'taken')));
		await wipeResidentData(db);
		expect(await db.needTransfers.count()).toBe(0);
		await keepPassedOn(db, lead, answer(out('n1', 'taken')));
		await signOut(db);
		expect(await db.needTransfers.count()).toBe(0);
		db.close();
	});
});
