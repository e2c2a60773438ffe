import { describe, expect, it } from 'vitest';
import { activeRound } from '$lib/domain/rounds';
import { pull } from '../pull';
import { demoTeam, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { createRound, listRounds } from './rounds';

describe.each(STORES)('lead rounds on $name', (kind) => {
	const db = freshStore(kind);

	const activeIn = async (teamId: string) =>
		(await db().all<{ id: string }>('SELECT id FROM rounds WHERE team_id = ? AND active = 1', [teamId])).map(
			(r) => r.id
		);

	it('makes the new round the only active one, and a volunteer pulls both changes', async () => {
		const t = await demoTeam(db());
		const before = (await pull(db(), t.volunteer, 0, 2000)).cursor;
		const { value: round, created } = await createRound(db(), t.lead, { date: '2026-11-24', kind: 'sampling' });
		expect(created).toBe(true);
		expect(round).toMatchObject({ date: '2026-11-24', kind: 'sampling', active: true });
		expect(await activeIn(t.lead.teamId)).toEqual([round.id]);

		const page = await pull(db(), t.volunteer, before, 2000);
		expect(page.rounds).toEqual([{ id: t.roundId, date: '2026-11-23', kind: 'sampling', active: false }, round]);
		expect(page.cursor).toBeGreaterThan(before);
		expect(activeRound(page.rounds)?.id).toBe(round.id);
	});

	it('keeps exactly one active round when the new one is dated earlier, and after several', async () => {
		const t = await demoTeam(db());
		await createRound(db(), t.lead, { date: '2026-11-25', kind: 'sampling' });
		const earlier = await createRound(db(), t.lead, { date: '2026-11-20', kind: 'sampling' });
		expect(await activeIn(t.lead.teamId)).toEqual([earlier.value.id]);
		const all = (await pull(db(), t.volunteer, 0, 2000)).rounds;
		expect(all.filter((r) => r.active)).toEqual([earlier.value]);
		expect((await listRounds(db(), t.lead)).map((r) => [r.date, r.active])).toEqual([
			['2026-11-25', false],
			['2026-11-23', false],
			['2026-11-20', true]
		]);
	});

	it('refuses a volunteer device with 403 and writes nothing', async () => {
		const t = await demoTeam(db());
		await expect(createRound(db(), t.volunteer, { date: '2026-11-24', kind: 'sampling' })).rejects.toMatchObject({
			status: 403
		});
		await expect(listRounds(db(), t.volunteer)).rejects.toMatchObject({ status: 403 });
		expect(await activeIn(t.lead.teamId)).toEqual([t.roundId]);
	});

	it('never touches another team: its lead is refused and its active round stays', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		await expect(createRound(db(), t.lead, { date: '2026-11-24', kind: 'sampling' }, TEAM_B.id)).rejects.toMatchObject({
			status: 403
		});
		await expect(listRounds(db(), t.lead, TEAM_B.id)).rejects.toMatchObject({ status: 403 });
		await createRound(db(), t.lead, { date: '2026-11-24', kind: 'sampling' });
		expect(await activeIn(TEAM_B.id)).toEqual([b.roundId]);
		expect((await pull(db(), b.volunteer, 0, 2000)).rounds.map((r) => r.id)).toEqual([b.roundId]);
		expect((await listRounds(db(), t.lead)).map((r) => r.id)).not.toContain(b.roundId);
	});

	it('answers a retry with the same id with the round it made, and refuses the id for another', async () => {
		const t = await demoTeam(db());
		const body = { id: 'round-2026-11-24', date: '2026-11-24', kind: 'sampling' as const };
		const first = await createRound(db(), t.lead, body);
		const again = await createRound(db(), t.lead, body);
		expect(again).toEqual({ value: first.value, created: false });
		expect(await listRounds(db(), t.lead)).toHaveLength(2);
		await expect(createRound(db(), t.lead, { ...body, date: '2026-11-25' })).rejects.toMatchObject({
			status: 409,
			message: /^id:/
		});
	});
});
