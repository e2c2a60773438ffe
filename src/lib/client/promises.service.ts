import { DEFAULT_PROMISES, NEED_KINDS, type NeedKind, type Promise_ } from '$lib/domain/needs/kinds';
import { teamPromisesSchema, type TeamPromises } from '$lib/domain/needs/promises-api';
import { localValue } from './local-value';
import { request } from './request';
import type { Session } from './session';

/**
 * The team's promised times, as the server last answered: kept in this browser so the board
 * marks what is overdue by the lead's times offline too (minutes per kind, nothing of residents).
 */
const cached = localValue<TeamPromises>(
	'doorstep.needs.promises',
	() => ({ promises: DEFAULT_PROMISES, changed: [] }),
	(v) => {
		const p = teamPromisesSchema.safeParse(v);
		return p.success && NEED_KINDS.every((k) => p.data.promises[k]) ? p.data : undefined;
	}
);

export const lastPromises = (): TeamPromises => cached.get();

const keep = (p: TeamPromises) => {
	cached.set(p);
	return p;
};

export const teamPromises = async (s: Session): Promise<TeamPromises> =>
	keep(await request('/api/lead/needs/promises', teamPromisesSchema, { token: s.token }));

export const setPromise = async (s: Session, kind: NeedKind, promise: Promise_ | null): Promise<TeamPromises> =>
	keep(
		await request('/api/lead/needs/promises', teamPromisesSchema, {
			method: 'POST',
			body: { kind, promise },
			token: s.token
		})
	);
