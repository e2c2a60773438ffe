import { uuidv7 } from 'uuidv7';
import type { Urgency } from '$lib/domain/constants';
import type { Feedback, NeedChannel, NeedKind, NotDoneReason } from '$lib/domain/needs/kinds';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { db } from './db';
import { record } from './record';
import type { Session } from './session';
import { syncManager } from './sync-manager.svelte';

// Every step of the needs desk a screen records: each an event, committed with its outbox row
// before the promise resolves (see record), then a sync is nudged.

type About = { id: string; householdId: string };
const ref = (n: About) => ({ needId: n.id, householdId: n.householdId });

async function save(session: Session, fields: Parameters<typeof record>[2]): Promise<FieldEvent> {
	const event = await record(db, session, fields);
	void syncManager.sync();
	return event;
}

export interface NewNeed {
	household: Pick<Household, 'id' | 'building' | 'unit' | 'room'>;
	/** A resident's request accepted from triage keeps its triage id, so the resident can follow it. */
	id?: string;
	kind: NeedKind;
	items: string[];
	urgency: Urgency;
	channel: NeedChannel;
	note: string;
	askedAt?: Date;
}

/** Takes a request; answers its id (made here, so it exists offline at once). */
export async function takeNeed(session: Session, n: NewNeed): Promise<string> {
	const needId = n.id ?? uuidv7();
	await save(session, {
		type: 'need_created',
		needId,
		householdId: n.household.id,
		place: { building: n.household.building, unit: n.household.unit, room: n.household.room },
		kind: n.kind,
		items: n.items,
		urgency: n.urgency,
		channel: n.channel,
		note: n.note.trim(),
		askedAt: (n.askedAt ?? new Date()).toISOString()
	});
	return needId;
}

/** The lead hands it to a volunteer, or to the pool (`to` null). */
export const dispatchNeed = (s: Session, n: About, to: { deviceId: string; name: string } | null) =>
	save(s, { type: 'need_dispatched', ...ref(n), to });

export const claimNeed = (s: Session, n: About) => save(s, { type: 'need_claimed', ...ref(n) });
export const onTheWay = (s: Session, n: About) => save(s, { type: 'need_on_the_way', ...ref(n) });

export const needDone = (
	s: Session,
	n: About,
	done: { collectedFen: number; feedback: Feedback | null; note: string; items?: string[]; photoId?: string }
) =>
	save(s, {
		type: 'need_done',
		...ref(n),
		items: done.items ?? [],
		collectedFen: done.collectedFen,
		feedback: done.feedback,
		note: done.note.trim(),
		...(done.photoId && { photoId: done.photoId })
	});

export const needNotDone = (s: Session, n: About, reason: NotDoneReason, note = '') =>
	save(s, { type: 'need_not_done', ...ref(n), reason, note: note.trim() });

export const cancelNeed = (s: Session, n: About, note = '') => save(s, { type: 'need_cancelled', ...ref(n), note });

/** The lead hands a request they cannot staff up to the street office; it keeps its history. */
export const escalateNeed = (s: Session, n: About, note = '') => save(s, { type: 'need_escalated', ...ref(n), note });
