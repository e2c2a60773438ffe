import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMISES } from '$lib/domain/needs/kinds';
import { setPromiseSchema } from '$lib/domain/needs/promises-api';
import { demoTeam, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { httpStatus } from '../testing/http-status';
import { setPromise, teamPromises } from './promises';

const status = httpStatus;

describe.each(STORES)('promised times on $name', (kind) => {
	const db = freshStore(kind);

	it('defaults until the lead changes a kind; back to the default on reset; each team its own', async () => {
		const t = await demoTeam(db());
		expect(await teamPromises(db(), t.lead)).toEqual({ promises: DEFAULT_PROMISES, changed: [] });
		const changed = await setPromise(db(), t.lead, 'shopping', { respond: 15, complete: 90 });
		expect(changed.promises.shopping).toEqual({ respond: 15, complete: 90 });
		expect(changed.promises.medicine).toEqual(DEFAULT_PROMISES.medicine);
		expect(changed.changed).toEqual(['shopping']);
		await setPromise(db(), t.lead, 'shopping', { respond: 20, complete: 60 });
		expect((await teamPromises(db(), t.lead)).promises.shopping).toEqual({ respond: 20, complete: 60 });
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		expect((await teamPromises(db(), leadB)).promises.shopping).toEqual(DEFAULT_PROMISES.shopping);
		expect(await status(setPromise(db(), t.volunteer, 'shopping', null))).toBe(403);
		expect(await status(teamPromises(db(), t.volunteer))).toBe(403);
		await setPromise(db(), t.lead, 'shopping', null);
		expect(await teamPromises(db(), t.lead)).toEqual({ promises: DEFAULT_PROMISES, changed: [] });
	});

	it('refuses a promise to complete sooner than to respond, or out of range', () => {
		expect(setPromiseSchema.safeParse({ kind: 'medicine', promise: { respond: 30, complete: 10 } }).success).toBe(
			false
		);
		expect(setPromiseSchema.safeParse({ kind: 'medicine', promise: { respond: 0, complete: 10 } }).success).toBe(false);
		expect(setPromiseSchema.safeParse({ kind: 'gold', promise: null }).success).toBe(false);
		expect(setPromiseSchema.safeParse({ kind: 'medicine', promise: { respond: 5, complete: 45 } }).success).toBe(true);
	});
});
