import { z } from 'zod';
import { approveResponseSchema, leadDevicesResponseSchema, revokeResponseSchema } from '$lib/domain/lead-api';
import {
	adminInviteResponseSchema,
	createdTeamSchema,
	invitationsResponseSchema,
	meResponseSchema,
	overviewResponseSchema,
	setupResponseSchema,
	type SetupRequest,
	type TeamSettingsView
} from '$lib/domain/org-api';
import type { DoorstepDb } from './db';
import { request } from './request';
import { saveSession, type Session } from './session';

/** Every call a lead or an administrator makes about a community; no screen holds an API path. */
const teamQuery = (team?: string) => (team ? `?team=${encodeURIComponent(team)}` : '');
const device = (id: string) => encodeURIComponent(id);

export const whoAmI = (s: Session) => request('/api/me', meResponseSchema, { token: s.token });

export const invitations = (s: Session, team?: string) =>
	request(`/api/lead/team${teamQuery(team)}`, invitationsResponseSchema, { token: s.token });

export const rotateCode = (s: Session, role: 'volunteer' | 'lead', validHours: number | null, team?: string) =>
	request(`/api/lead/team/rotate${teamQuery(team)}`, invitationsResponseSchema, {
		method: 'POST',
		body: { role, validHours },
		token: s.token
	});

export const setCodeExpiry = (s: Session, role: 'volunteer' | 'lead', validHours: number | null, team?: string) =>
	request(`/api/lead/team/expiry${teamQuery(team)}`, invitationsResponseSchema, {
		method: 'POST',
		body: { role, validHours },
		token: s.token
	});

export const saveSettings = (s: Session, patch: Partial<TeamSettingsView>, team?: string) =>
	request(`/api/lead/team/settings${teamQuery(team)}`, invitationsResponseSchema, {
		method: 'POST',
		body: patch,
		token: s.token
	});

export const devices = async (s: Session, team?: string) =>
	(await request(`/api/lead/devices${teamQuery(team)}`, leadDevicesResponseSchema, { token: s.token })).devices;

export const approve = async (s: Session, id: string, team?: string) =>
	(
		await request(`/api/lead/devices/${device(id)}/approve${teamQuery(team)}`, approveResponseSchema, {
			method: 'POST',
			body: {},
			token: s.token
		})
	).device;

export const revoke = async (s: Session, id: string, team?: string) =>
	(
		await request(`/api/lead/devices/${device(id)}/revoke${teamQuery(team)}`, revokeResponseSchema, {
			method: 'POST',
			body: {},
			token: s.token
		})
	).device;

/** Issue 9: the lead approves (or refuses) a forgotten-PIN device's request to write off its unsent records. */
export const decideWriteOff = async (s: Session, id: string, approve: boolean, team?: string) =>
	(
		await request(`/api/lead/devices/${device(id)}/write-off${teamQuery(team)}`, revokeResponseSchema, {
			method: 'POST',
			body: { approve },
			token: s.token
		})
	).device;

export const overview = (s: Session) => request('/api/admin/overview', overviewResponseSchema, { token: s.token });

export const createTeam = async (s: Session, name: string, approval: boolean) =>
	(
		await request('/api/admin/teams', z.object({ team: createdTeamSchema }), {
			method: 'POST',
			body: { name, approval },
			token: s.token
		})
	).team;

export const renameTeam = (s: Session, id: string, name: string) =>
	request(`/api/admin/teams/${device(id)}`, z.object({ id: z.string(), name: z.string() }), {
		method: 'PATCH',
		body: { name },
		token: s.token
	});

export const closeTeam = (s: Session, id: string) =>
	request(`/api/admin/teams/${device(id)}/close`, z.object({ id: z.string(), closed: z.boolean() }), {
		method: 'POST',
		body: {},
		token: s.token
	});

export const inviteAdmin = async (s: Session) =>
	(await request('/api/admin/invites', adminInviteResponseSchema, { method: 'POST', body: {}, token: s.token })).invite;

/** Spends the setup link and keeps the first administrator's session on this device. */
export async function completeSetup(db: DoorstepDb, req: SetupRequest) {
	const done = await request('/api/setup', setupResponseSchema, { method: 'POST', body: req });
	await saveSession(db, {
		deviceId: done.deviceId,
		token: done.token,
		volunteer: done.volunteer,
		role: 'admin',
		status: 'active',
		team: done.team
	});
	return done;
}
