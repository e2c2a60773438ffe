import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_RULES } from '$lib/domain/lock-rules';
import { updateSettings } from './lead/invitations';
import { teamInfo } from './lead/team';
import { lockRules } from './lock-rules';
import { demoTeam, secondTeam, TEAM_B } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';
import { DEMO_TEAM } from './demo';

describe.each(STORES)('the team’s lock rules on $name', (kind) => {
	const db = freshStore(kind);

	it('are 6 digits and 5 minutes until the lead sets them', async () => {
		const t = await demoTeam(db());
		expect(DEFAULT_LOCK_RULES).toEqual({ pinLength: 6, lockMinutes: 5 });
		expect(await lockRules(db(), DEMO_TEAM.id)).toEqual(DEFAULT_LOCK_RULES);
		expect((await teamInfo(db(), t.lead)).settings).toMatchObject(DEFAULT_LOCK_RULES);
	});

	it('take the lead’s change, one rule at a time, for its own team only; other settings leave them be', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const after = await updateSettings(db(), t.lead, { pinLength: 8 });
		expect(after.settings).toMatchObject({ pinLength: 8, lockMinutes: 5 });
		await updateSettings(db(), t.lead, { lockMinutes: 15 });
		await updateSettings(db(), t.lead, { approval: true });
		expect(await lockRules(db(), DEMO_TEAM.id)).toEqual({ pinLength: 8, lockMinutes: 15 });
		expect(await lockRules(db(), TEAM_B.id)).toEqual(DEFAULT_LOCK_RULES);
		await updateSettings(db(), t.lead, { pinLength: 12, lockMinutes: 1 });
		expect(await lockRules(db(), DEMO_TEAM.id)).toEqual({ pinLength: 12, lockMinutes: 1 });
	});

	it('refuse a volunteer with 403 and change nothing', async () => {
		const t = await demoTeam(db());
		await expect(updateSettings(db(), t.volunteer, { pinLength: 10 })).rejects.toMatchObject({ status: 403 });
		expect(await lockRules(db(), DEMO_TEAM.id)).toEqual(DEFAULT_LOCK_RULES);
	});
});
