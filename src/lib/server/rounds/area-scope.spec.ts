import { describe, expect, it } from 'vitest';
import { disinfection, DISINFECTION_DEF } from '$tests/support/round-events';
import { assign } from '../assignments';
import type { Db } from '../db';
import type { DeviceAuth } from '../auth';
import { createRound } from '../lead/rounds';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { DEMO, demoTeam, device, visit } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';

const ALL_KINDS = 'sampling,distribution,disinfection,survey';

/** A device's whole copy, through the resync its new assignment answers first. */
async function copyOf(db: Db, auth: DeviceAuth) {
	const first = await pull(db, auth, 0, 5000, 0, ALL_KINDS);
	return first.resync ? pull(db, auth, 0, 5000, first.scope, ALL_KINDS) : first;
}

describe.each(STORES)('a volunteer given one floor, on $name', (kind) => {
	const db = freshStore(kind);

	it("receives its unit's common-area records and can work them; not another unit's, nor its residents' visits", async () => {
		const t = await demoTeam(db());
		const dis = (
			await createRound(db(), t.lead, { date: '2026-11-23', kind: 'disinfection', definition: DISINFECTION_DEF })
		).value;
		const floor3 = await device(db(), DEMO.volunteerCode, '三楼');
		await assign(db(), t.lead, { deviceId: floor3.deviceId, building: '2', unit: '1', floor: 3 });
		const dev = t.volunteer.deviceId;
		// Another volunteer's passes: the unit's lift (filed under demo-2-1-101, on floor 1), the
		// floor's stairwell, the next unit's lift; and a visit on floor 1, a resident's record.
		const lift = disinfection({ deviceId: dev, roundId: dis.id, building: '2', unit: '1', floor: null, area: '电梯' });
		const stairs = disinfection({ deviceId: dev, roundId: dis.id, building: '2', unit: '1', floor: 3 });
		const nextUnit = disinfection({
			deviceId: dev,
			roundId: dis.id,
			building: '2',
			unit: '2',
			floor: null,
			area: '电梯'
		});
		const floor1 = visit({ deviceId: dev, roundId: t.roundId, householdId: 'demo-2-1-101' });
		const sent = await pushEvents(db(), t.volunteer, [lift, stairs, nextUnit, floor1], 0);
		expect(sent.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);

		const copy = await copyOf(db(), floor3);
		expect(copy.resync ?? null).toBeNull();
		expect(new Set(copy.households.map((h) => h.floor))).toEqual(new Set([3]));
		const ids = copy.events.map((e) => e.id);
		expect(ids).toContain(lift.id);
		expect(ids).toContain(stairs.id);
		expect(ids).not.toContain(nextUnit.id);
		expect(ids).not.toContain(floor1.id);

		// It works the lift itself: its record is taken, and reaches it (and the lead) back.
		const own = disinfection({
			deviceId: floor3.deviceId,
			volunteer: floor3.volunteer,
			roundId: dis.id,
			building: '2',
			unit: '1',
			floor: null,
			area: '垃圾点'
		});
		expect((await pushEvents(db(), floor3, [own], 0))[0].status).toBe('accepted');
		expect((await copyOf(db(), floor3)).events.map((e) => e.id)).toContain(own.id);
		expect((await pull(db(), t.lead, 0, 5000, 0, ALL_KINDS)).events.map((e) => e.id)).toContain(own.id);
	});
});
