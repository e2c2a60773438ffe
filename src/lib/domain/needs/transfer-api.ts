import { z } from 'zod';
import { URGENCIES } from '../constants';
import { NEED_CHANNELS, NEED_KINDS } from './kinds';

const noNul = (s: string) => !s.includes('\0');
const id = z.string().min(1).max(64).refine(noNul, 'must not contain a NUL character');

/**
 * Where a request the street office passed on stands in the receiving community: passed (not yet
 * taken), taken (the receiving lead took it on), done or not done (the receiving lead's word).
 */
export const TRANSFER_STATES = ['passed', 'taken', 'done', 'not_done'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

const place = z.object({ building: z.string(), unit: z.string(), room: z.string() });
const team = z.object({ id: z.string(), name: z.string() });
const passed = z.object({ to: team, at: z.string(), state: z.enum(TRANSFER_STATES) });

/**
 * One escalated request as the street office administrator sees it: least data — the door and
 * what is needed, never the resident's name, phone, health tags or the lead's note.
 */
export const escalatedNeedSchema = z.object({
	needId: z.string(),
	team,
	kind: z.enum(NEED_KINDS),
	urgency: z.enum(URGENCIES),
	channel: z.enum(NEED_CHANNELS),
	askedAt: z.string(),
	escalatedAt: z.string(),
	place,
	items: z.array(z.string()),
	/** Null while the office has not passed it on. */
	passed: passed.nullable()
});
export type EscalatedNeed = z.infer<typeof escalatedNeedSchema>;
export const escalationsSchema = z.object({
	needs: z.array(escalatedNeedSchema),
	/**
	 * The communities a request can go to: every open community of the organisation. A central
	 * volunteer team is one of them (a community the office creates for it), nothing more.
	 */
	teams: z.array(team)
});
export type Escalations = z.infer<typeof escalationsSchema>;

/** The administrator passes an escalated request of `from` to the community `to`. */
export const passNeedSchema = z.object({ from: id, needId: id, to: id });
export type PassNeed = z.infer<typeof passNeedSchema>;

/**
 * A request passed to this community, with its history (asked when, how, by which community,
 * the original note) and what the receiving team needs to deliver: the door and the phone of
 * the head of household — not the name, residents or health tags.
 */
export const incomingNeedSchema = z.object({
	needId: z.string(),
	from: team,
	kind: z.enum(NEED_KINDS),
	urgency: z.enum(URGENCIES),
	channel: z.enum(NEED_CHANNELS),
	askedAt: z.string(),
	passedAt: z.string(),
	place,
	phone: z.string(),
	items: z.array(z.string()),
	note: z.string(),
	state: z.enum(TRANSFER_STATES),
	/**
	 * The receiving team's own request made when its lead took this on (at a foreign door,
	 * server/needs/foreign-door.ts): dispatched like any other; null before it is taken.
	 */
	ownNeedId: z.string().nullable().default(null)
});
export type IncomingNeed = z.infer<typeof incomingNeedSchema>;

/** A request of this community the office passed on: where it went and how it stands. */
export const outgoingNeedSchema = z.object({ needId: z.string(), ...passed.shape });
export type OutgoingNeed = z.infer<typeof outgoingNeedSchema>;

export const transfersSchema = z.object({
	incoming: z.array(incomingNeedSchema),
	outgoing: z.array(outgoingNeedSchema)
});
export type Transfers = z.infer<typeof transfersSchema>;

/** The receiving lead's word on a passed request: taken on, then done or not done. */
export const transferStepSchema = z.object({ from: id, needId: id, state: z.enum(['taken', 'done', 'not_done']) });
