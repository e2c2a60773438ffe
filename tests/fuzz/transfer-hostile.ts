import fc from 'fast-check';
import type { DeviceAuth } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import { admin } from '$lib/server/lead/testing';
import { passNeed, stepTransfer } from '$lib/server/needs/transfer';
import { pushEvents } from '$lib/server/push';
import { created, needEvent } from '$tests/support/needs';

/** What the escalation fuzz needs in the store: an administrator, one request passed, one never escalated. */
export interface TransferFixture {
	admin: string;
	from: string;
	to: string;
	passed: string;
	kept: string;
	/** Passed and taken on by B's lead: B's own request at a foreign door (session 8). */
	taken: string;
}

export async function transferFixture(db: Db, lead: DeviceAuth, leadB: DeviceAuth): Promise<TransferFixture> {
	const office = await admin(db, '街道管理员');
	const teamB = leadB.teamId;
	const who = { deviceId: lead.deviceId, volunteer: lead.volunteer };
	const up = { needId: 'fuzz-need-passed', householdId: 'demo-1-1-101' };
	const kept = { needId: 'fuzz-need-kept', householdId: 'demo-1-1-101' };
	const taken = { needId: 'fuzz-need-taken', householdId: 'demo-1-1-102' };
	await pushEvents(
		db,
		lead,
		[
			created(who, up),
			needEvent('need_escalated', who, up, { note: '' }),
			created(who, kept),
			created(who, taken),
			needEvent('need_escalated', who, taken, { note: '' })
		],
		0
	);
	await passNeed(db, office, { from: lead.teamId, needId: up.needId, to: teamB });
	await passNeed(db, office, { from: lead.teamId, needId: taken.needId, to: teamB });
	await stepTransfer(db, leadB, lead.teamId, taken.needId, 'taken');
	return {
		admin: `Bearer ${office.token}`,
		from: lead.teamId,
		to: teamB,
		passed: up.needId,
		kept: kept.needId,
		taken: taken.needId
	};
}

interface Req {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
	expect: 'json4xx';
}

const json = { 'content-type': 'application/json' };
const auth = (bearer?: string): Record<string, string> => (bearer ? { authorization: bearer } : {});

/**
 * Escalation across communities (issue 10, session 4): the office's list and pass from any other
 * device; passes the store must refuse (twice, to the same community, not escalated, unknown,
 * wrong shapes); the receiving lead's steps from the wrong device, for an unknown request, or with
 * a wrong body. A request that would be accepted is never generated: the store must not change.
 */
export function transferHostile(
	t: TransferFixture,
	devices: { volunteer: string; revoked: string; lead: string; leadB: string }
): fc.Arbitrary<Req> {
	const notAdmin = fc.constantFrom(devices.volunteer, devices.revoked, devices.lead, devices.leadB, undefined);
	const weird = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant('a\u0000b'), fc.constant('x'.repeat(65)));
	const pass = (b: string | undefined, body: unknown): Req => ({
		method: 'POST',
		path: '/api/admin/escalations/pass',
		headers: { ...json, ...auth(b) },
		body: JSON.stringify(body) ?? 'null',
		expect: 'json4xx'
	});
	const office = fc.oneof(
		notAdmin.map((b): Req => ({ method: 'GET', path: '/api/admin/escalations', headers: auth(b), expect: 'json4xx' })),
		notAdmin.map((b) => pass(b, { from: t.from, needId: t.kept, to: t.to })),
		fc
			.constantFrom(
				{ from: t.from, needId: t.passed, to: t.to }, // twice
				{ from: t.from, needId: t.passed, to: t.from }, // the same community
				{ from: t.from, needId: t.kept, to: t.to }, // never escalated
				{ from: t.from, needId: 'no-such-need', to: t.to },
				{ from: 'no-such-team', needId: t.passed, to: t.to },
				{ from: t.from, needId: t.passed, to: 'no-such-team' }
			)
			.map((body) => pass(t.admin, body)),
		fc.record({ from: weird, needId: weird, to: weird }).map((body) => pass(t.admin, body)),
		weird.map((body) => pass(t.admin, body))
	);
	const step = (b: string | undefined, body: unknown): Req => ({
		method: 'POST',
		path: '/api/lead/needs/transfers',
		headers: { ...json, ...auth(b) },
		body: JSON.stringify(body) ?? 'null',
		expect: 'json4xx'
	});
	const states = fc.constantFrom('taken', 'done', 'not_done');
	const receiving = fc.oneof(
		fc
			.constantFrom(devices.volunteer, devices.revoked, undefined)
			.map((b): Req => ({ method: 'GET', path: '/api/lead/needs/transfers', headers: auth(b), expect: 'json4xx' })),
		// Only team B's lead may step it: the sending lead, volunteers and strangers are refused.
		fc
			.tuple(fc.constantFrom(devices.lead, devices.volunteer, devices.revoked, undefined), states)
			.map(([b, state]) => step(b, { from: t.from, needId: t.passed, state })),
		states.map((state) => step(devices.leadB, { from: t.from, needId: t.kept, state })),
		// Taken on twice: refused, and no second request or foreign door in B (session 8).
		fc.constant(step(devices.leadB, { from: t.from, needId: t.taken, state: 'taken' })),
		fc.record({ from: weird, needId: weird, state: weird }).map((body) => step(devices.leadB, body)),
		weird.map((body) => step(devices.leadB, body))
	);
	return fc.oneof(office, receiving);
}
