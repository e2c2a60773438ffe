import type { z } from 'zod';
import {
	answersSchema,
	disinfectionDefinitionSchema,
	surveyDefinitionSchema,
	type DisinfectionDefinition,
	type SurveyDefinition
} from '$lib/domain/rounds/definition';
import { EVENT_TYPES_OF_KIND } from '$lib/domain/rounds/events';
import type { FieldEvent } from '$lib/domain/schemas';
import type { Db } from '../db';
import { NOT_FOREIGN } from '../needs/foreign-door';

/** What push must know of the rounds a batch names, read under the team's lock. */
export interface RoundFacts {
	/** round id → its kind and, for a survey, every version of its form */
	rounds: Map<string, { kind: string; definition: unknown; versions: Map<number, SurveyDefinition> }>;
	/** place key (building, unit, floor or null) → the household a disinfection record is filed under */
	anchors: Map<string, string>;
}

const placeKey = (building: string, unit: string, floor: number | null) => JSON.stringify([building, unit, floor]);

/** A round of the team as push reads it, with the batch's other ids, under the team's lock. */
export interface RoundRow {
	id: string;
	kind: string;
	definition: string | null;
}

/** The rounds a batch names (each once), for push to read with its other ids under the lock. */
export function roundIdsOf(events: readonly FieldEvent[]): string[] {
	const ids = new Set<string>();
	for (const e of events) if ('roundId' in e) ids.add(e.roundId);
	return [...ids];
}

/**
 * The facts of the rounds a batch names (`rounds`: those of the team, read under the counter lock
 * with the batch's other ids), plus their survey versions and area anchors. Taken after the lock:
 * a lead's survey edit takes the same lock, so the form an answer is judged against cannot
 * change before the answer is stored. A disinfection record is filed under a household of its
 * place (the lowest id on that floor, or in the unit for a common area): the events table, pull
 * and every export then carry it as they carry visits, and a volunteer assigned that floor or
 * unit receives it.
 */
export async function lookUpRoundFacts(
	tx: Db,
	teamId: string,
	events: readonly FieldEvent[],
	rounds: readonly RoundRow[]
): Promise<RoundFacts> {
	const facts: RoundFacts = { rounds: new Map(), anchors: new Map() };
	const places = new Map<string, { building: string; unit: string; floor: number | null }>();
	for (const e of events)
		if (e.type === 'disinfection' || e.type === 'disinfection_void')
			places.set(placeKey(e.building, e.unit, e.floor), e);
	for (const r of rounds) {
		const versions = new Map<number, SurveyDefinition>();
		if (r.kind === 'survey') {
			const rows = await tx.all<{ version: number; definition: string }>(
				'SELECT version, definition FROM round_versions WHERE team_id = ? AND round_id = ?',
				[teamId, r.id]
			);
			for (const v of rows) versions.set(Number(v.version), surveyDefinitionSchema.parse(JSON.parse(v.definition)));
		}
		facts.rounds.set(r.id, { kind: r.kind, definition: r.definition ? JSON.parse(r.definition) : null, versions });
	}
	for (const [key, p] of places) {
		const row =
			p.floor === null
				? await tx.get<{ id: string | null }>(
						`SELECT MIN(id) AS id FROM households WHERE team_id = ? AND building = ? AND unit = ? AND ${NOT_FOREIGN}`,
						[teamId, p.building, p.unit]
					)
				: await tx.get<{ id: string | null }>(
						`SELECT MIN(id) AS id FROM households WHERE team_id = ? AND building = ? AND unit = ? AND floor = ? AND ${NOT_FOREIGN}`,
						[teamId, p.building, p.unit, p.floor]
					);
		if (row?.id) facts.anchors.set(key, row.id);
	}
	return facts;
}

type Reject = (reason: string) => never;

const issues = (prefix: string, error: z.ZodError) =>
	error.issues
		.slice(0, 5)
		.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`)
		.join('; ');

/** event type → the round kind it belongs to; built once, as push asks it for every event. */
const KIND_OF_TYPE = new Map<string, string>(
	Object.entries(EVENT_TYPES_OF_KIND).flatMap(([kind, types]) => types.map((t: string) => [t, kind] as const))
);

/** The round kind an event type belongs to. */
const kindOf = (type: FieldEvent['type']): string | undefined => KIND_OF_TYPE.get(type);

/**
 * Checks a round's record against its round: the round is of this team and of the kind the
 * record is for, a survey answer fits the version of the form it names, a disinfection area is
 * one the round defines at a place with households. Returns the household a disinfection record
 * is filed under; undefined for the others (they name their own).
 */
export function checkRoundEvent(facts: RoundFacts, e: FieldEvent, reject: Reject): string | undefined {
	if (!('roundId' in e)) return undefined;
	const kind = kindOf(e.type);
	const round = facts.rounds.get(e.roundId);
	if (!round) return reject(`roundId: no ${kind} round ${e.roundId} in this team`);
	if (round.kind !== kind)
		return reject(`roundId: round ${e.roundId} is a ${round.kind} round; a ${e.type} record needs a ${kind} round`);
	if (e.type === 'survey_answer') {
		const form = round.versions.get(e.version);
		if (!form) return reject(`version: round ${e.roundId} has no form version ${e.version}`);
		if (e.outcome === 'answered') {
			const parsed = answersSchema(form).safeParse(e.answers);
			if (!parsed.success) return reject(issues('answers', parsed.error));
		}
		return undefined;
	}
	if (e.type === 'disinfection' || e.type === 'disinfection_void') {
		const def: DisinfectionDefinition = disinfectionDefinitionSchema.parse(round.definition);
		const areas = e.floor === null ? def.areas.common : def.areas.floor;
		if (!areas.includes(e.area))
			return reject(
				`area: round ${e.roundId} has no ${e.floor === null ? 'common area' : 'floor area'} named ${JSON.stringify(e.area)}`
			);
		const anchor = facts.anchors.get(placeKey(e.building, e.unit, e.floor));
		if (!anchor)
			return reject(
				e.floor === null
					? `unit: no households in building ${e.building} unit ${e.unit} in this team`
					: `floor: no households on floor ${e.floor} of building ${e.building} unit ${e.unit} in this team`
			);
		return anchor;
	}
	return undefined;
}
