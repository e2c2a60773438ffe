import { NEED_EVENT_TYPES } from '$lib/domain/needs/events';
import { foldNeeds, type Need } from '$lib/domain/needs/fold';
import { allNeeds } from '$lib/domain/needs/legacy';
import { settledEventIds } from '$lib/domain/needs/settled';
import type { FieldEvent } from '$lib/domain/schemas';
import type { DoorstepDb } from './db';

/** The meta row holding the ids of settled requests' events (ids only: nothing of residents). */
export const SETTLED_KEY = 'needs.settledEvents';

/**
 * The requests the lead's board draws, without unsealing the events of requests settled for
 * good (domain/needs/settled.ts): the ids of the need events come from the type index alone
 * (no row is read), the settled ones remembered from earlier reads are skipped, and only the
 * rest are read and folded. With 20,000 closed requests on the lead's device this is what keeps
 * the board's cold open near the cost of its open requests (bench:needs). What is returned may
 * include requests closed since the last read; the board filters by state as before.
 *
 * Answers the needs and the event ids newly found settled, for `rememberSettled` (a live query
 * must not write).
 */
export async function readOpenNeeds(db: DoorstepDb): Promise<{ needs: Need[]; settled: string[] }> {
	// One range per type: a keys-only query, no cursor (anyOf walks a cursor, and a key cursor
	// through the database's middlewares fails with "Illegal invocation" in Chromium).
	const [perType, remembered, legacy, orders] = await Promise.all([
		Promise.all(NEED_EVENT_TYPES.map((t) => db.events.where('type').equals(t).primaryKeys())),
		db.meta.get(SETTLED_KEY),
		db.events.where('type').anyOf(['delivery_request', 'delivery_outcome', 'void']).toArray(),
		db.orders.toArray()
	]);
	const skip = new Set((remembered?.value as string[] | undefined) ?? []);
	const wanted = perType.flat().filter((id) => !skip.has(id));
	const events = (await db.events.bulkGet(wanted)).filter((e): e is FieldEvent => !!e);
	const folded = foldNeeds(events);
	return { needs: allNeeds(orders, folded, legacy), settled: settledEventIds(folded, events) };
}

/** Adds newly settled events to the remembered ids (nothing when there are none). */
export async function rememberSettled(db: DoorstepDb, settled: readonly string[]): Promise<void> {
	if (!settled.length) return;
	await db.transaction('rw', db.meta, async () => {
		const before = ((await db.meta.get(SETTLED_KEY))?.value as string[] | undefined) ?? [];
		const all = new Set(before);
		for (const id of settled) all.add(id);
		if (all.size !== before.length) await db.meta.put({ key: SETTLED_KEY, value: [...all] });
	});
}
