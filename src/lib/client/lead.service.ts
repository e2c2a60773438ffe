import { uuidv7 } from 'uuidv7';
import {
	assignmentListResponseSchema,
	assignResponseSchema,
	unassignResponseSchema,
	type AssignRequest
} from '$lib/domain/api';
import { quarantineResponseSchema, roundResponseSchema, shiftResponseSchema } from '$lib/domain/lead-api';
import { rosterImportResponseSchema, type RosterHousehold } from '$lib/domain/roster/api';
import { request } from './request';
import type { Session } from './session';

// Every call the lead's screens make about their own team; no screen holds an API path.

export const shiftReport = (s: Session, since: string) =>
	request(`/api/lead/shift?since=${encodeURIComponent(since)}`, shiftResponseSchema, { token: s.token });

export const assignments = async (s: Session) =>
	(await request('/api/assignments', assignmentListResponseSchema, { token: s.token })).assignments;

export const assign = async (s: Session, area: AssignRequest) =>
	(await request('/api/assignments', assignResponseSchema, { method: 'POST', body: area, token: s.token })).assignment;

export const unassign = (s: Session, id: string) =>
	request(`/api/assignments/${encodeURIComponent(id)}`, unassignResponseSchema, { method: 'DELETE', token: s.token });

/** The id is made here, so a retry after a lost answer finds the round it already made. */
export const startRound = (s: Session, date: string) =>
	request('/api/lead/rounds', roundResponseSchema, {
		method: 'POST',
		body: { id: uuidv7(), date, kind: 'sampling' },
		token: s.token
	});

export const importRoster = (s: Session, households: RosterHousehold[], dryRun: boolean) =>
	request('/api/roster', rosterImportResponseSchema, { method: 'POST', body: { households, dryRun }, token: s.token });

export const refusedRecords = (s: Session) =>
	request('/api/lead/quarantine', quarantineResponseSchema, { token: s.token });
