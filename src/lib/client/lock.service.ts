import { writeOffResponseSchema, writeOffStatusSchema, type WriteOffRequest } from '$lib/domain/write-off';
import { request } from './request';
import type { Session } from './session';

// The calls the lock makes of the server; no screen holds an API path.

/** Asks the lead to approve the loss of these unsent records (ids only); `last` retires the device's token. */
export const askWriteOff = (s: Session, body: WriteOffRequest) =>
	request('/api/me/write-off', writeOffResponseSchema, { method: 'POST', body, token: s.token });

/** How the old device's request stands (its token may still ask, and hand in). */
export const writeOffStatus = (s: Session) => request('/api/me/write-off', writeOffStatusSchema, { token: s.token });
