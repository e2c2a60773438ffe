import { z } from 'zod';
import { lockRulesSchema } from './lock-rules';

/** PostgreSQL text cannot hold NUL; refusing it here keeps both stores answering alike. */
const noNul = (s: string) => !s.includes('\0');
const name = (max: number) =>
	z.string().trim().min(1, 'required').max(max).refine(noNul, 'must not contain a NUL character');
const id = z.string().min(1).max(64).refine(noNul, 'must not contain a NUL character');

export const deviceStatusSchema = z.enum(['pending', 'active']);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
export const roleSchema = z.enum(['volunteer', 'lead', 'admin']);

/** POST /api/setup: spends the one-time setup link. */
export const setupRequestSchema = z
	.object({
		token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'token: not a setup link secret'),
		orgName: name(64),
		adminName: name(64),
		community: name(64).optional(),
		demo: z.boolean().default(false)
	})
	.refine((r) => r.community || r.demo, { message: 'create a community or load the demo', path: ['community'] });
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const createdTeamSchema = z.object({
	teamId: z.string(),
	name: z.string(),
	volunteerCode: z.string(),
	leadCode: z.string(),
	approval: z.boolean()
});
export type CreatedTeamView = z.infer<typeof createdTeamSchema>;

export const setupResponseSchema = z.object({
	deviceId: z.string(),
	token: z.string(),
	volunteer: z.string(),
	role: z.literal('admin'),
	status: z.literal('active'),
	team: z.object({ id: z.string(), name: z.string() }),
	org: z.object({ id: z.string(), name: z.string() }),
	communities: z.array(createdTeamSchema)
});

/** GET /api/me: who this device is now (a pending device may ask; nothing else). */
export const meResponseSchema = z.object({
	deviceId: z.string(),
	volunteer: z.string(),
	role: roleSchema,
	status: deviceStatusSchema,
	team: z.object({ id: z.string(), name: z.string() })
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const inviteSchema = z.object({
	code: z.string(),
	role: roleSchema,
	createdAt: z.string(),
	expiresAt: z.string().nullable()
});
export type InviteView = z.infer<typeof inviteSchema>;

export const teamSettingsSchema = z.object({
	approval: z.boolean(),
	fullWhenUnassigned: z.boolean(),
	...lockRulesSchema.shape
});
export type TeamSettingsView = z.infer<typeof teamSettingsSchema>;

/** What a lead (or an administrator) sees of a community's invitations and rules. */
export const invitationsResponseSchema = z.object({
	team: z.object({ id: z.string(), name: z.string() }),
	volunteer: inviteSchema.nullable(),
	lead: inviteSchema.nullable(),
	settings: teamSettingsSchema
});
export type InvitationsResponse = z.infer<typeof invitationsResponseSchema>;

export const rotateRequestSchema = z.object({
	role: z.enum(['volunteer', 'lead']),
	/** Hours the new invitation works; none: until rotated. */
	validHours: z
		.number()
		.int()
		.min(1)
		.max(24 * 90)
		.nullable()
		.default(null)
});
export const expiryRequestSchema = z.object({
	role: z.enum(['volunteer', 'lead']),
	validHours: z
		.number()
		.int()
		.min(1)
		.max(24 * 90)
		.nullable()
});
export const settingsRequestSchema = teamSettingsSchema.partial();

export const createTeamRequestSchema = z.object({ name: name(64), approval: z.boolean().default(true) });
export const renameTeamRequestSchema = z.object({ name: name(64) });

/** One community as the street office sees it at a glance: counts only, no resident data. */
export const communitySummarySchema = z.object({
	id: z.string(),
	name: z.string(),
	closedAt: z.string().nullable(),
	households: z.number().int(),
	householdsDone: z.number().int(),
	people: z.number().int(),
	peopleDone: z.number().int(),
	/** Active rounds of every kind, by date; coverage above is for the newest sampling round. */
	activeRounds: z.array(z.object({ id: z.string(), date: z.string(), kind: z.string() })),
	openOrders: z.number().int(),
	devices: z.number().int(),
	pendingDevices: z.number().int(),
	/** Active devices that have not synced in the last 12 hours or still reported unsent work. */
	notHandedIn: z.number().int()
});
export type CommunitySummary = z.infer<typeof communitySummarySchema>;

export const overviewResponseSchema = z.object({
	org: z.object({ id: z.string(), name: z.string() }),
	communities: z.array(communitySummarySchema)
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

export const adminInviteResponseSchema = z.object({ invite: inviteSchema });

export const teamParamSchema = id;
