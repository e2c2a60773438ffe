import { describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../demo';
import { HttpError } from '../http';
import { demoTeam, secondTeam, TEAM_B, DEMO } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { leadTeam, teamInfo } from './team';
import { admin } from './testing';

describe.each(STORES)('lead team on $name', (kind) => {
	const db = freshStore(kind);

	it('gives the lead its team and both enrolment codes', async () => {
		const t = await demoTeam(db());
		expect(await teamInfo(db(), t.lead)).toMatchObject({
			team: { id: DEMO_TEAM.id, name: DEMO_TEAM.name },
			volunteer: { code: DEMO.volunteerCode, role: 'volunteer', expiresAt: null },
			lead: { code: DEMO.leadCode, role: 'lead', expiresAt: null },
			settings: { approval: false, fullWhenUnassigned: true }
		});
	});

	it('refuses a volunteer device with 403', async () => {
		const t = await demoTeam(db());
		const refused = teamInfo(db(), t.volunteer);
		await expect(refused).rejects.toBeInstanceOf(HttpError);
		await expect(refused).rejects.toMatchObject({ status: 403 });
	});

	it('refuses a lead naming another team with 403, even its own name for it', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		await expect(teamInfo(db(), t.lead, TEAM_B.id)).rejects.toMatchObject({ status: 403, message: /^team:/ });
		expect(await leadTeam(db(), t.lead, DEMO_TEAM.id)).toBe(DEMO_TEAM.id);
	});

	it('lets an admin read any team, and answers 404 for one that does not exist', async () => {
		await demoTeam(db());
		await secondTeam(db());
		const a = await admin(db());
		expect((await teamInfo(db(), a, TEAM_B.id)).volunteer?.code).toBe(TEAM_B.enrolCode);
		expect((await teamInfo(db(), a, DEMO_TEAM.id)).team.id).toBe(DEMO_TEAM.id);
		await expect(teamInfo(db(), a)).rejects.toMatchObject({ status: 400, message: /^team:/ });
		await expect(teamInfo(db(), a, 'no-such-team')).rejects.toMatchObject({ status: 404, message: /^team:/ });
	});
});
