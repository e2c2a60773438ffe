import fc from 'fast-check';
import type { DeviceAuth } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import { fileWriteOff } from '$lib/server/write-off';

/**
 * Issue 9 (session 4): a forgotten-PIN device's request waiting for its lead. The fuzz decides
 * it only as someone who may not (a volunteer, the asking device, another team's lead, no
 * device), or about a device that asked nothing, or with a body of the wrong shape: the request
 * stays pending and the store unchanged.
 */
export async function writeOffFixture(db: Db, asking: DeviceAuth): Promise<string> {
	await fileWriteOff(db, asking, ['asked-1', 'asked-2'], true);
	return asking.deviceId;
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

export interface WriteOffBearers {
	lead: string;
	leadB: string;
	volunteer: string;
	volunteerB: string;
	asking: string;
	/** A device of the lead's team that asked nothing. */
	quiet: string;
}

export function writeOffHostileDecisions(asking: string, b: WriteOffBearers): fc.Arbitrary<Req> {
	const path = (id: string) => `/api/lead/devices/${encodeURIComponent(id)}/write-off`;
	const valid = fc.constantFrom('{"approve":true}', '{"approve":false}');
	const wrongShape = fc.oneof(
		fc.constantFrom('{}', '{"approve":"yes"}', '{"approve":1}', 'null', '[]', '{"approve":null}'),
		fc.string({ maxLength: 40 })
	);
	const strangers = fc.constantFrom(
		b.volunteer,
		b.volunteerB,
		b.asking,
		b.leadB,
		undefined,
		'Basic x',
		'Bearer ' + 'x'.repeat(40)
	);
	return fc.oneof(
		// The right request, decided by someone who may not.
		fc.tuple(strangers, valid).map(([token, body]): Req => ({
			method: 'POST',
			path: path(asking),
			headers: { ...json, ...auth(token) },
			body,
			expect: 'json4xx'
		})),
		// The lead, with a body of the wrong shape.
		wrongShape.map((body): Req => ({
			method: 'POST',
			path: path(asking),
			headers: { ...json, ...auth(b.lead) },
			body,
			expect: 'json4xx'
		})),
		// The lead, about a device that asked nothing or does not exist.
		fc.tuple(fc.constantFrom(b.quiet, 'no-such-device', 'x'.repeat(65)), valid).map(([id, body]): Req => ({
			method: 'POST',
			path: path(id),
			headers: { ...json, ...auth(b.lead) },
			body,
			expect: 'json4xx'
		})),
		// The old device's status, asked with no token or a forged one.
		fc
			.constantFrom(undefined, 'Basic x', 'Bearer ' + 'y'.repeat(40))
			.map((token): Req => ({ method: 'GET', path: '/api/me/write-off', headers: auth(token), expect: 'json4xx' }))
	);
}
