import { expect, test } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/api';
import { chip, chooseUnit, enrol, enrolLead, recordRefused } from './helpers';

/*
 * Issue 12, "update the app to work on this round": a build older than a round's kind keeps
 * working. The older build is this app with its pulls naming fewer kinds, as that build's do
 * (the server then sends the round as "unsupported" and holds back its records): the grid
 * shows the update message for that round instead of failing, and sampling goes on as before.
 */

/** What a build from before disinfection rounds names in its pulls. */
const OLD_BUILD_KINDS = 'sampling,distribution,survey';

test('a round of a kind this build does not know asks for an update; sampling keeps working', async ({ browser }) => {
	test.setTimeout(120_000);
	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '更新组长');
	await lead.goto('/lead/rounds');
	await lead.getByTestId('new-kind-disinfection').click();
	await lead.getByTestId('create-round').click();
	await expect(lead.getByTestId('round-coverage-disinfection')).toBeVisible();

	// A current build disinfects the lift of unit 1-1.
	const current = await (await browser.newContext()).newPage();
	await enrol(current, '新版志愿');
	await current.getByTestId('round-disinfection').click();
	await current.getByTestId('area-common-电梯').click();
	await current.getByTestId('area-pass').click();
	await current.getByRole('button', { name: '立即同步' }).click();
	await expect(current.getByTestId('pending-count')).toHaveText('待同步 0');

	// The older build: what reaches it is the round as "unsupported", and no disinfection record.
	const old = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
	const pulled: PullResponse[] = [];
	await old.route('**/api/sync/pull?*', async (route) => {
		const url = new URL(route.request().url());
		url.searchParams.set('kinds', OLD_BUILD_KINDS);
		const response = await route.fetch({ url: url.toString() });
		pulled.push((await response.json()) as PullResponse);
		await route.fulfill({ response });
	});
	await enrol(old, '旧版志愿');
	const rounds = pulled.flatMap((p) => p.rounds).filter((r) => r.active);
	expect(rounds.map((r) => r.kind).sort()).toEqual(['sampling', 'unsupported']);
	expect(pulled.flatMap((p) => p.events).filter((e) => e.type.startsWith('disinfection'))).toEqual([]);

	await expect(old.getByTestId('round-picker')).toBeVisible();
	await old.getByTestId('round-unsupported').click();
	await expect(old.getByTestId('round-update')).toHaveText('这是新类型的任务:请更新应用后再做。');
	await expect(chip(old, 'demo-1-1-101')).toHaveCount(0);
	// Sampling, as before: a record at the door, sent.
	await old.getByTestId('round-sampling').click();
	// A door no other spec records at: specs run in any order on a worker's server, and
	// field-offline.spec.ts samples every door of unit 1-1 (a sampled door stays "done").
	await chooseUnit(old, '3', '1');
	await recordRefused(old, ['demo-3-1-501']);
	await old.getByRole('button', { name: '立即同步' }).click();
	await expect(old.getByTestId('pending-count')).toHaveText('待同步 0');
	// After a reload too (the round it picked last is the one it cannot work on).
	await old.getByTestId('round-unsupported').click();
	await old.reload();
	await expect(old.getByTestId('round-update')).toBeVisible();

	// Ended, so the tests after this one (same server) find only the sampling round active.
	await lead.goto('/lead/rounds');
	await lead.getByTestId('close-round-disinfection').click();
	await expect(lead.getByTestId('close-round-disinfection')).toHaveCount(0);
});
