import fc from 'fast-check';
import { residentAskSchema } from '$lib/domain/needs/resident-api';
import type { Db } from '$lib/server/db';
import type { DeviceAuth } from '$lib/server/auth';
import { openBuilding, residentAsk, switchResidentPage, triageList } from '$lib/server/needs/resident';

/** What the resident page's fuzz needs in the store: the page on for both teams, one request waiting. */
export interface ResidentFixture {
	token: string;
	tokenB: string;
	triageId: string;
}

export async function residentFixture(db: Db, lead: DeviceAuth, leadB: DeviceAuth): Promise<ResidentFixture> {
	const token = (await switchResidentPage(db, lead, true)).buildings[0].token;
	const tokenB = (await switchResidentPage(db, leadB, true)).buildings[0].token;
	const b = await openBuilding(db, token);
	const room = await db.get<{ unit: string; room: string }>(
		'SELECT unit, room FROM households WHERE team_id = ? AND building = ? ORDER BY id',
		[b.teamId, b.building]
	);
	await residentAsk(db, b, { unit: room!.unit, room: room!.room, kind: 'medicine', text: '药' });
	const [item] = (await triageList(db, lead)).items;
	return { token, tokenB, triageId: item.id };
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
 * The resident page's endpoints (issue 10): a stranger's guessed tokens and references, bodies
 * that must be refused (a valid one would add a request: never generated), and the lead's triage
 * and switch from a volunteer, a revoked device, another team's lead, or with a wrong body.
 */
export function residentHostile(
	r: ResidentFixture,
	devices: { volunteer: string; volunteerId: string; revoked: string; lead: string; leadB: string }
): fc.Arbitrary<Req> {
	// '.' and '..' are path segments the router normalises (a 308 to the parent), not guesses.
	const guess = fc
		.string({ minLength: 0, maxLength: 80 })
		.map((s) => encodeURIComponent(s).replace(/^\.{1,2}$/, 'x') || 'x');
	const tokens = fc.oneof(guess, fc.constantFrom(r.token, r.tokenB));
	const stranger = fc.oneof(
		guess.map((t): Req => ({ method: 'GET', path: `/api/resident/${t}`, headers: {}, expect: 'json4xx' })),
		fc
			.tuple(tokens, guess)
			.map(([t, ref]): Req => ({ method: 'GET', path: `/api/resident/${t}/${ref}`, headers: {}, expect: 'json4xx' }))
	);
	const askBody = fc
		.oneof(
			fc.jsonValue({ maxDepth: 3 }),
			fc.record({
				unit: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('1')),
				room: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('9999')),
				kind: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('medicine')),
				text: fc.oneof(fc.string({ maxLength: 400 }), fc.constant('x'.repeat(5000)), fc.constant('a\u0000b'))
			})
		)
		// A body the schema takes for a room that exists would add a request: keep only rooms that do not.
		.filter((b) => {
			const p = residentAskSchema.safeParse(b);
			return !p.success || !/^\d{3}$/.test(p.data.room) || p.data.room === '9999';
		})
		.map((b) => JSON.stringify(b) ?? 'null');
	// issue 10 (session 4): a resident's rating, with guessed references (the fixture's own request
	// is not done, so even its reference is refused) and bodies good and bad.
	const rateBody = fc
		.oneof(
			fc.jsonValue({ maxDepth: 3 }),
			fc.record({
				rating: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('good', 'ok', 'bad')),
				words: fc.oneof(fc.string({ maxLength: 250 }), fc.constant('x'.repeat(5000)), fc.constant('a\u0000b'))
			})
		)
		.map((b) => JSON.stringify(b) ?? 'null');
	const rate = fc.tuple(tokens, guess, rateBody).map(([t, ref, body]): Req => ({
		method: 'POST',
		path: `/api/resident/${t}/${ref}`,
		headers: json,
		body,
		expect: 'json4xx'
	}));
	const ask = fc
		.tuple(tokens, askBody)
		.map(([t, body]): Req => ({ method: 'POST', path: `/api/resident/${t}`, headers: json, body, expect: 'json4xx' }));
	const notLead = fc.constantFrom(devices.volunteer, devices.revoked, undefined, 'Bearer ' + 'x'.repeat(40));
	const lead = fc.oneof(
		notLead.map((b): Req => ({ method: 'GET', path: '/api/lead/needs/triage', headers: auth(b), expect: 'json4xx' })),
		notLead.map((b): Req => ({ method: 'GET', path: '/api/lead/needs/resident', headers: auth(b), expect: 'json4xx' })),
		notLead.map((b): Req => ({
			method: 'GET',
			path: '/api/lead/needs/resident-ratings',
			headers: auth(b),
			expect: 'json4xx'
		})), // issue 10 (session 4)
		fc.tuple(notLead, fc.boolean()).map(([b, enabled]): Req => ({
			method: 'POST',
			path: '/api/lead/needs/resident',
			headers: { ...json, ...auth(b) },
			body: JSON.stringify({ enabled }),
			expect: 'json4xx'
		})),
		fc
			.jsonValue({ maxDepth: 2 })
			.filter((v) => typeof v !== 'object' || v === null || !('enabled' in v))
			.map((v): Req => ({
				method: 'POST',
				path: '/api/lead/needs/resident',
				headers: { ...json, ...auth(devices.lead) },
				body: JSON.stringify(v),
				expect: 'json4xx'
			})),
		// Deciding: not a lead, another team's lead, an id that is not there, or a wrong action.
		fc
			.tuple(
				fc.constantFrom(
					[devices.volunteer, r.triageId],
					[devices.revoked, r.triageId],
					[devices.leadB, r.triageId],
					[devices.lead, 'no-such-request'],
					[undefined, r.triageId]
				),
				fc.constantFrom('accept', 'reject')
			)
			.map(([[b, id], action]): Req => ({
				method: 'POST',
				path: `/api/lead/needs/triage/${encodeURIComponent(id ?? '')}`,
				headers: { ...json, ...auth(b) },
				body: JSON.stringify({ action }),
				expect: 'json4xx'
			})),
		fc.jsonValue({ maxDepth: 2 }).map((v): Req => ({
			method: 'POST',
			path: `/api/lead/needs/triage/${r.triageId}`,
			headers: { ...json, ...auth(devices.lead) },
			body: JSON.stringify({ action: v }),
			expect: 'json4xx'
		}))
	);
	// Skills: not a lead, another team's device, or a body of the wrong shape.
	const skills = fc.oneof(
		notLead.map((b): Req => ({ method: 'GET', path: '/api/lead/needs/skills', headers: auth(b), expect: 'json4xx' })),
		fc.tuple(notLead, fc.jsonValue({ maxDepth: 2 })).map(([b, v]): Req => ({
			method: 'POST',
			path: '/api/lead/needs/skills',
			headers: { ...json, ...auth(b) },
			body: JSON.stringify({ deviceId: devices.volunteerId, skills: [v] }),
			expect: 'json4xx'
		})),
		fc.jsonValue({ maxDepth: 3 }).map((v): Req => ({
			method: 'POST',
			path: '/api/lead/needs/skills',
			headers: { ...json, ...auth(devices.lead) },
			body: JSON.stringify({ deviceId: v, skills: 'driver' }),
			expect: 'json4xx'
		})),
		fc.constant<Req>({
			method: 'POST',
			path: '/api/lead/needs/skills',
			headers: { ...json, ...auth(devices.leadB) },
			body: JSON.stringify({ deviceId: devices.volunteerId, skills: ['driver'] }),
			expect: 'json4xx'
		})
	);
	// Promised times: not a lead, or a promise that is not one (a valid body would change the team).
	const promises = fc.oneof(
		notLead.map((b): Req => ({ method: 'GET', path: '/api/lead/needs/promises', headers: auth(b), expect: 'json4xx' })),
		notLead.map((b): Req => ({
			method: 'POST',
			path: '/api/lead/needs/promises',
			headers: { ...json, ...auth(b) },
			body: '{"kind":"medicine","promise":null}',
			expect: 'json4xx'
		})),
		fc
			.tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }))
			.filter(
				([r, c]) =>
					!(Number.isInteger(r) && Number.isInteger(c) && (c as number) >= (r as number) && (r as number) >= 1)
			)
			.map(([respond, complete]): Req => ({
				method: 'POST',
				path: '/api/lead/needs/promises',
				headers: { ...json, ...auth(devices.lead) },
				body: JSON.stringify({ kind: 'medicine', promise: { respond, complete } }),
				expect: 'json4xx'
			}))
	);
	// The desk role (issue 10, session 4): a volunteer not marked desk, a revoked device or a
	// stranger asks for the roster or the triage list; marking from anyone but the team's lead,
	// or with a body that is not a device and a yes/no (a valid one would change the team).
	const desk = fc.oneof(
		notLead.map((b): Req => ({ method: 'GET', path: '/api/desk/roster', headers: auth(b), expect: 'json4xx' })),
		fc
			.constantFrom(devices.revoked, undefined, 'Bearer ' + 'x'.repeat(40))
			.map((b): Req => ({ method: 'GET', path: '/api/desk', headers: auth(b), expect: 'json4xx' })),
		notLead.map((b): Req => ({ method: 'GET', path: '/api/lead/needs/desk', headers: auth(b), expect: 'json4xx' })),
		fc
			.tuple(fc.constantFrom(devices.volunteer, devices.revoked, devices.leadB, undefined), fc.boolean())
			.map(([b, on]): Req => ({
				method: 'POST',
				path: '/api/lead/needs/desk',
				headers: { ...json, ...auth(b) },
				body: JSON.stringify({ deviceId: devices.volunteerId, desk: on }),
				expect: 'json4xx'
			})),
		fc
			.record({ deviceId: fc.jsonValue({ maxDepth: 1 }), desk: fc.jsonValue({ maxDepth: 1 }) })
			.filter(
				(v) => typeof v.desk !== 'boolean' || typeof v.deviceId !== 'string' || v.deviceId !== devices.volunteerId
			)
			.map((v): Req => ({
				method: 'POST',
				path: '/api/lead/needs/desk',
				headers: { ...json, ...auth(devices.lead) },
				body: JSON.stringify(v),
				expect: 'json4xx'
			}))
	);
	return fc.oneof(stranger, ask, rate, lead, skills, promises, desk);
}
