import type { WriteOffRequest } from '$lib/domain/write-off';
import { request } from './request';
import type { Session } from './session';

// The calls the lock makes of the server; no screen holds an API path. The answers' schemas
// (and zod with them) load with the first call, not with the sync screen that may make one.
const schemas = () => import('$lib/domain/write-off');

/** Asks the lead to approve the loss of these unsent records (ids only); `last` retires the device's token. */
export const askWriteOff = async (s: Session, body: WriteOffRequest) =>
	request('/api/me/write-off', (await schemas()).writeOffResponseSchema, { method: 'POST', body, token: s.token });

/** How the old device's request stands (its token may still ask, and hand in). */
export const writeOffStatus = async (s: Session) =>
	request('/api/me/write-off', (await schemas()).writeOffStatusSchema, { token: s.token });
