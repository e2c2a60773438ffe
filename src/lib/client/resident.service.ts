import {
	residentPageSchema,
	residentRatingSchema,
	residentRatingsSchema,
	residentReceiptSchema,
	residentSettingsSchema,
	residentStatusSchema,
	triageListSchema,
	type ResidentAsk,
	type ResidentRating
} from '$lib/domain/needs/resident-api';
import { z } from 'zod';
import { request } from './request';
import type { Session } from './session';

// The resident page's calls (no account: no token) and the lead's triage and QR settings.

const t = (token: string) => encodeURIComponent(token);
const teamQuery = (team?: string) => (team ? `?team=${encodeURIComponent(team)}` : '');

export const residentRooms = (token: string) => request(`/api/resident/${t(token)}`, residentPageSchema);

export const residentSend = async (token: string, ask: ResidentAsk) =>
	(await request(`/api/resident/${t(token)}`, residentReceiptSchema, { method: 'POST', body: ask })).ref;

export const residentLookup = (token: string, ref: string) =>
	request(`/api/resident/${t(token)}/${encodeURIComponent(ref)}`, residentStatusSchema);

export const residentSettings = (s: Session, team?: string) =>
	request(`/api/lead/needs/resident${teamQuery(team)}`, residentSettingsSchema, { token: s.token });

export const switchResidentPage = (s: Session, enabled: boolean, team?: string) =>
	request(`/api/lead/needs/resident${teamQuery(team)}`, residentSettingsSchema, {
		method: 'POST',
		body: { enabled },
		token: s.token
	});

export const triage = async (s: Session, team?: string) =>
	(await request(`/api/lead/needs/triage${teamQuery(team)}`, triageListSchema, { token: s.token })).items;

export const decideTriage = (s: Session, id: string, action: 'accept' | 'reject', team?: string) =>
	request(
		`/api/lead/needs/triage/${encodeURIComponent(id)}${teamQuery(team)}`,
		z.object({ id: z.string(), status: z.enum(['accepted', 'rejected']) }),
		{ method: 'POST', body: { action }, token: s.token }
	);

/** issue 10 (session 4): the resident's rating of their done request, once. */
export const residentRate = (token: string, ref: string, rating: ResidentRating) =>
	request(`/api/resident/${t(token)}/${encodeURIComponent(ref)}`, residentRatingSchema, {
		method: 'POST',
		body: rating
	});

/** issue 10 (session 4): the residents' ratings of the team's requests, by request id. */
export const residentRatings = async (s: Session, team?: string): Promise<Map<string, ResidentRating>> =>
	new Map(
		(
			await request(`/api/lead/needs/resident-ratings${teamQuery(team)}`, residentRatingsSchema, { token: s.token })
		).ratings.map(({ needId, ...r }) => [needId, r])
	);
