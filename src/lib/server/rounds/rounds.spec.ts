import { describe, expect, it } from 'vitest';
import { activeRound } from '$lib/domain/rounds';
import { activeRounds } from '$lib/domain/rounds/select';
import {
	disinfection,
	disinfectionVoid,
	DISINFECTION_DEF,
	distribution,
	DISTRIBUTION_DEF,
	surveyAnswer,
	SURVEY_FORM
} from '$tests/support/round-events';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { createRound, listRounds } from '../lead/rounds';
import { DEMO, demoTeam, device, visit, type DemoTeam } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { closeRound, editSurvey } from './lead-rounds';
import { overview } from '../org/overview';
import { admin } from '../lead/testing';
import type { Db } from '../db';

const ALL_KINDS = 'sampling,distribution,disinfection,survey';

async function threeRounds(db: Db, t: DemoTeam) {
	const dist = (
		await createRound(db, t.lead, { date: '2026-11-23', kind: 'distribution', definition: DISTRIBUTION_DEF })
	).value;
	const dis = (
		await createRound(db, t.lead, { date: '2026-11-23', kind: 'disinfection', definition: DISINFECTION_DEF })
	).value;
	const survey = (await createRound(db, t.lead, { date: '2026-11-23', kind: 'survey', definition: SURVEY_FORM })).value;
	return { dist, dis, survey };
}

describe.each(STORES)('rounds of every kind on $name', (kind) => {
	const db = freshStore(kind);

	it('keeps several rounds active at once, one per kind', async () => {
		const t = await demoTeam(db());
		const { dist, survey } = await threeRounds(db(), t);
		expect(survey).toMatchObject({ kind: 'survey', definition: { version: 1, fields: SURVEY_FORM.fields } });
		const rounds = await listRounds(db(), t.lead);
		expect(activeRounds(rounds)).toHaveLength(4);
		expect(activeRound(rounds)?.id).toBe(t.roundId);
		const again = (
			await createRound(db(), t.lead, { date: '2026-11-24', kind: 'distribution', definition: DISTRIBUTION_DEF })
		).value;
		const now = await listRounds(db(), t.lead);
		expect(now.find((r) => r.id === dist.id)?.active).toBe(false);
		expect(now.find((r) => r.id === again.id)?.active).toBe(true);
		expect(now.find((r) => r.id === t.roundId)?.active).toBe(true);
	});

	it('a retry with the same id and definition finds the round; another definition is a conflict', async () => {
		const t = await demoTeam(db());
		const body = { id: 'dist-1', date: '2026-11-23', kind: 'distribution' as const, definition: DISTRIBUTION_DEF };
		expect((await createRound(db(), t.lead, body)).created).toBe(true);
		expect((await createRound(db(), t.lead, body)).created).toBe(false);
		await expect(
			createRound(db(), t.lead, { ...body, definition: { item: '蔬菜', quantity: { rule: 'fixed', per: 1 } } })
		).rejects.toMatchObject({ status: 409 });
	});

	it('sends a build from before round kinds only sampling rounds and the events it knows', async () => {
		const t = await demoTeam(db());
		const { dist, survey } = await threeRounds(db(), t);
		const dev = t.volunteer.deviceId;
		const answers = await pushEvents(
			db(),
			t.volunteer,
			[
				visit({ deviceId: dev, roundId: t.roundId, householdId: 'demo-1-1-101' }),
				distribution({ deviceId: dev, roundId: dist.id, householdId: 'demo-1-1-101', quantity: 3 }),
				surveyAnswer({ deviceId: dev, roundId: survey.id, householdId: 'demo-1-1-101' })
			],
			0
		);
		expect(answers.map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted']);
		const old = await pull(db(), t.lead, 0, 5000, 0);
		expect(old.rounds.map((r) => r.kind)).toEqual(['sampling']);
		expect(old.events.map((e) => e.type)).toEqual(['visit']);
		const some = await pull(db(), t.lead, 0, 5000, 0, 'sampling,distribution');
		expect(some.rounds.map((r) => r.kind).sort()).toEqual(['distribution', 'sampling', 'unsupported', 'unsupported']);
		expect(some.events.map((e) => e.type)).toEqual(['visit', 'distribution']);
		const all = await pull(db(), t.lead, 0, 5000, 0, ALL_KINDS);
		expect(all.rounds.find((r) => r.id === survey.id)).toEqual(survey);
		expect(all.events).toHaveLength(3);
	});

	it('judges each record against its round: kind, survey form version, area', async () => {
		const t = await demoTeam(db());
		const { dist, dis, survey } = await threeRounds(db(), t);
		const dev = t.volunteer.deviceId;
		const hh = 'demo-1-1-101';
		const results = await pushEvents(
			db(),
			t.volunteer,
			[
				visit({ deviceId: dev, roundId: dist.id, householdId: hh }),
				distribution({ deviceId: dev, roundId: t.roundId, householdId: hh }),
				surveyAnswer({ deviceId: dev, roundId: survey.id, householdId: hh, version: 2 }),
				surveyAnswer({ deviceId: dev, roundId: survey.id, householdId: hh, answers: { back: 'yes' } }),
				surveyAnswer({ deviceId: dev, roundId: survey.id, householdId: hh, answers: { from: '省外' } }),
				disinfection({ deviceId: dev, roundId: dis.id, area: '屋顶' }),
				disinfection({ deviceId: dev, roundId: dis.id, floor: 40 }),
				disinfection({ deviceId: dev, roundId: dis.id, floor: null, area: '电梯' }),
				disinfection({ deviceId: dev, roundId: 'no-such-round' })
			],
			0
		);
		expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
			`roundId: round ${dist.id} is a distribution round; a visit record needs a sampling round`,
			`roundId: round ${t.roundId} is a sampling round; a distribution record needs a distribution round`,
			`version: round ${survey.id} has no form version 2`,
			expect.stringMatching(/^answers\.back: /),
			expect.stringMatching(/^answers\.back: /),
			`area: round ${dis.id} has no floor area named "屋顶"`,
			'floor: no households on floor 40 of building 1 unit 1 in this team',
			'accepted',
			'roundId: no disinfection round no-such-round in this team'
		]);
	});

	it('files a disinfection record under a household of its place, and its undo too', async () => {
		const t = await demoTeam(db());
		const { dis } = await threeRounds(db(), t);
		const dev = t.volunteer.deviceId;
		const pass = disinfection({ deviceId: dev, roundId: dis.id, building: '2', unit: '1', floor: 3 });
		const undo = disinfectionVoid(pass);
		expect((await pushEvents(db(), t.volunteer, [pass, undo], 0)).map((r) => r.status)).toEqual([
			'accepted',
			'accepted'
		]);
		const rows = await db().all<{ household_id: string }>('SELECT household_id FROM events WHERE id IN (?, ?)', [
			pass.id,
			undo.id
		]);
		expect(rows.map((r) => r.household_id)).toEqual(['demo-2-1-301', 'demo-2-1-301']);
		// Another volunteer may not undo it.
		const other = await device(db(), DEMO.volunteerCode, '乙');
		const theirs = await pushEvents(
			db(),
			other,
			[disinfectionVoid(pass, { deviceId: other.deviceId, volunteer: '乙' })],
			0
		);
		expect(theirs[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^voids: a volunteer may/) });
	});

	it('edits a survey in place before the first answer, as a new version after it', async () => {
		const t = await demoTeam(db());
		const { survey } = await threeRounds(db(), t);
		const dev = t.volunteer.deviceId;
		const shorter = { fields: SURVEY_FORM.fields.slice(0, 2) };
		expect((await editSurvey(db(), t.lead, survey.id, shorter)).definition).toMatchObject({ version: 1 });
		// Nobody home answers no form: still editable in place.
		await pushEvents(
			db(),
			t.volunteer,
			[
				surveyAnswer({
					deviceId: dev,
					roundId: survey.id,
					householdId: 'demo-1-1-101',
					outcome: 'nobody_home',
					answers: {}
				})
			],
			0
		);
		expect((await editSurvey(db(), t.lead, survey.id, SURVEY_FORM)).definition).toMatchObject({ version: 1 });
		await pushEvents(
			db(),
			t.volunteer,
			[
				surveyAnswer({
					deviceId: dev,
					roundId: survey.id,
					householdId: 'demo-1-1-101',
					answers: { back: true, days: 3 }
				})
			],
			0
		);
		const v2 = await editSurvey(db(), t.lead, survey.id, {
			fields: [{ id: 'fever', label: '有无发热', type: 'yes_no', required: true }]
		});
		expect(v2.definition).toMatchObject({ version: 2 });
		const late = await pushEvents(
			db(),
			t.volunteer,
			[
				// Recorded offline on version 1 before the edit: still judged against version 1.
				surveyAnswer({ deviceId: dev, roundId: survey.id, householdId: 'demo-1-1-102', answers: { back: false } }),
				surveyAnswer({
					deviceId: dev,
					roundId: survey.id,
					householdId: 'demo-1-1-201',
					version: 2,
					answers: { fever: false }
				}),
				surveyAnswer({
					deviceId: dev,
					roundId: survey.id,
					householdId: 'demo-1-1-202',
					version: 2,
					answers: { back: false }
				})
			],
			0
		);
		expect(late.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
		const pulled = await pull(db(), t.volunteer, 0, 5000, 0, ALL_KINDS);
		expect(pulled.rounds.find((r) => r.id === survey.id)).toEqual(v2);
		await expect(editSurvey(db(), t.lead, t.roundId, SURVEY_FORM)).rejects.toMatchObject({ status: 409 });
		await expect(editSurvey(db(), t.volunteer, survey.id, SURVEY_FORM)).rejects.toMatchObject({ status: 403 });
		await expect(editSurvey(db(), t.lead, 'nope', SURVEY_FORM)).rejects.toMatchObject({ status: 404 });
	});

	it('closes a round; devices pull it inactive; records made before still arrive', async () => {
		const t = await demoTeam(db());
		const { dist } = await threeRounds(db(), t);
		const before = await pull(db(), t.volunteer, 0, 5000, 0, ALL_KINDS);
		expect((await closeRound(db(), t.lead, dist.id)).active).toBe(false);
		const after = await pull(db(), t.volunteer, before.cursor, 5000, before.scope, ALL_KINDS);
		expect(after.rounds).toEqual([{ ...dist, active: false }]);
		const late = await pushEvents(
			db(),
			t.volunteer,
			[distribution({ deviceId: t.volunteer.deviceId, roundId: dist.id, householdId: 'demo-1-1-101' })],
			0
		);
		expect(late[0].status).toBe('accepted');
	});

	it("the administrator's overview lists each community's active rounds of every kind; coverage stays sampling's", async () => {
		const t = await demoTeam(db());
		const { dist, dis, survey } = await threeRounds(db(), t);
		await pushEvents(
			db(),
			t.volunteer,
			[visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' })],
			0
		);
		const demo = (await overview(db(), await admin(db()))).communities[0];
		expect(demo.activeRounds.map((r) => r.id).sort()).toEqual([dist.id, dis.id, survey.id, t.roundId].sort());
		expect(demo.activeRounds.map((r) => r.kind).sort()).toEqual(['disinfection', 'distribution', 'sampling', 'survey']);
		expect(demo.householdsDone).toBe(1);
	});
});
