import { writeOffResponseSchema, type WriteOffRequest } from '$lib/domain/write-off';
import { request } from './request';
import type { Session } from './session';

// The calls the lock makes of the server; no screen holds an API path.

/** Tells the server these unsent records are lost (ids only); `last` retires the device's token. */
export const reportWrittenOff = (s: Session, body: WriteOffRequest) =>
	request('/api/me/write-off', writeOffResponseSchema, { method: 'POST', body, token: s.token });
