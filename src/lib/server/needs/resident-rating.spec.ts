import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '$lib/domain/schemas';
import { created, done, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { HttpError } from '../errors';
import { pushEvents } from '../push';
import { demoTeam } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import {
	decideTriage,
	openBuilding,
	residentAsk,
	residentPage,
	residentStatus,
	switchResidentPage,
	triageList
} from './resident';
import { residentRate, residentRatings } from './resident-rating';

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const failure = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (err) {
		if (err instanceof HttpError) return `${err.status} ${err.message}`;
		throw err;
	}
	throw new Error('expected a refusal');
};

describe.each(STORES)("the resident's rating on $name", (kind) => {
	const db = freshStore(kind);

	/** A resident's request, taken onto the board and given to the volunteer. */
	async function asked() {
		const t = await demoTeam(db());
		const settings = await switchResidentPage(db(), t.lead, true);
		const token = settings.buildings.find((b) => b.building === '1')!.token;
		const room = (await residentPage(db(), token)).rooms[0];
		const ref = await residentAsk(db(), await openBuilding(db(), token), {
			unit: room.unit,
			room: room.room,
			kind: 'shopping',
			text: '买菜'
		});
		const [item] = (await triageList(db(), t.lead)).items;
		await decideTriage(db(), t.lead, item.id, 'accept');
		const N = { needId: item.id, householdId: item.householdId };
		await pushEvents(
			db(),
			t.lead,
			[
				created(who(t.lead), N, { channel: 'resident_qr', place: item.place } as Partial<NeedEvent>),
				needEvent('need_dispatched', who(t.lead), N, {
					to: { deviceId: t.volunteer.deviceId, name: t.volunteer.volunteer }
				})
			],
			0
		);
		return { ...t, token, ref, N };
	}

	it('only once done, and once only; the lead reads it by request', async () => {
		const t = await asked();
		const word = { rating: 'good' as const, words: '很及时,谢谢' };
		expect(await failure(residentRate(db(), t.token, t.ref, word))).toMatch(/^409 state:/);
		expect(await db().all('SELECT * FROM resident_ratings')).toEqual([]);
		await pushEvents(db(), t.volunteer, [done(who(t.volunteer), t.N)], 0);
		expect(await residentStatus(db(), t.token, t.ref)).toMatchObject({ state: 'done', rating: null });
		expect(await residentRate(db(), t.token, t.ref, word)).toEqual(word);
		expect(await failure(residentRate(db(), t.token, t.ref, { rating: 'bad', words: '' }))).toMatch(
			/^409 rating: .*already/
		);
		expect((await residentStatus(db(), t.token, t.ref)).rating).toEqual(word);
		expect(await residentRatings(db(), t.lead.teamId)).toEqual(new Map([[t.N.needId, word]]));
		// The status says nothing of who did it.
		expect(JSON.stringify(await residentStatus(db(), t.token, t.ref))).not.toContain(t.volunteer.volunteer);
	});

	it('a wrong reference or building is refused and changes nothing', async () => {
		const t = await asked();
		await pushEvents(db(), t.volunteer, [done(who(t.volunteer), t.N)], 0);
		const word = { rating: 'ok' as const, words: '' };
		expect(await failure(residentRate(db(), t.token, 'ABCDEFGH', word))).toMatch(/^404 ref:/);
		expect(await failure(residentRate(db(), 'x'.repeat(43), t.ref, word))).toMatch(/^404 token:/);
		expect(await db().all('SELECT * FROM resident_ratings')).toEqual([]);
	});
});
