import { escalationsSchema, transfersSchema, type PassNeed } from '$lib/domain/needs/transfer-api';
import { z } from 'zod';
import { request } from './request';
import type { Session } from './session';

/** Escalation across communities: the office's list and pass, the leads' passed-on requests. */
const teamQuery = (team?: string) => (team ? `?team=${encodeURIComponent(team)}` : '');

export const escalations = (s: Session) => request('/api/admin/escalations', escalationsSchema, { token: s.token });

export const passNeed = (s: Session, pass: PassNeed) =>
	request('/api/admin/escalations/pass', z.object({ needId: z.string(), to: z.string(), state: z.literal('passed') }), {
		method: 'POST',
		body: pass,
		token: s.token
	});

export const transfers = (s: Session, team?: string) =>
	request(`/api/lead/needs/transfers${teamQuery(team)}`, transfersSchema, { token: s.token });

export const stepTransfer = (
	s: Session,
	step: { from: string; needId: string; state: 'taken' | 'done' | 'not_done' },
	team?: string
) =>
	request(`/api/lead/needs/transfers${teamQuery(team)}`, z.object({ needId: z.string(), state: z.string() }), {
		method: 'POST',
		body: step,
		token: s.token
	});
