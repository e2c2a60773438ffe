import { deskDevicesSchema, deskRosterSchema, deskStatusSchema } from '$lib/domain/needs/desk-api';
import { request } from './request';
import type { Session } from './session';

// The desk role (受理台): whether this device is one, the roster it searches (kept in memory
// only), and the lead's marking of desk volunteers.

const teamQuery = (team?: string) => (team ? `?team=${encodeURIComponent(team)}` : '');

export const isDesk = async (s: Session) => (await request('/api/desk', deskStatusSchema, { token: s.token })).desk;

export const deskRoster = async (s: Session) =>
	(await request('/api/desk/roster', deskRosterSchema, { token: s.token })).households;

export const deskDevices = async (s: Session, team?: string) =>
	(await request(`/api/lead/needs/desk${teamQuery(team)}`, deskDevicesSchema, { token: s.token })).desk;

export const setDesk = async (s: Session, deviceId: string, desk: boolean, team?: string) =>
	(
		await request(`/api/lead/needs/desk${teamQuery(team)}`, deskDevicesSchema, {
			method: 'POST',
			body: { deviceId, desk },
			token: s.token
		})
	).desk;
