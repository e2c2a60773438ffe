import { describe, expect, it } from 'vitest';
import { demoTeam, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { httpStatus } from '../testing/http-status';
import { setSkills, teamSkills } from './skills';

const status = httpStatus;

describe.each(STORES)("volunteers' skills on $name", (kind) => {
	const db = freshStore(kind);

	it('the lead keeps each volunteer\u2019s skills, tidied; replaced as a whole; of their own team only', async () => {
		const t = await demoTeam(db());
		expect(await teamSkills(db(), t.lead)).toEqual({ skills: {} });
		await setSkills(db(), t.lead, t.volunteer.deviceId, ['driver', ' 上海话 ', 'driver']);
		expect((await teamSkills(db(), t.lead)).skills).toEqual({ [t.volunteer.deviceId]: ['driver', '上海话'] });
		await setSkills(db(), t.lead, t.volunteer.deviceId, ['medical']);
		expect((await teamSkills(db(), t.lead)).skills[t.volunteer.deviceId]).toEqual(['medical']);
		expect(await status(setSkills(db(), t.volunteer, t.volunteer.deviceId, ['repair']))).toBe(403);
		expect(await status(teamSkills(db(), t.volunteer))).toBe(403);
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		expect(await status(setSkills(db(), leadB, t.volunteer.deviceId, ['repair']))).toBe(404);
		expect(await teamSkills(db(), leadB)).toEqual({ skills: {} });
		expect((await teamSkills(db(), t.lead)).skills[t.volunteer.deviceId]).toEqual(['medical']);
	});
});
