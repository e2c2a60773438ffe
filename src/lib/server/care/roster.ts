import { uuidv7 } from 'uuidv7';
import { CARE_CATEGORIES, TAG_CATEGORY } from '$lib/domain/care/constants';
import { foldCare } from '$lib/domain/care/fold';
import type { CarePerson } from '$lib/domain/care/schemas';
import type { CareImportSummary } from '$lib/domain/care/api';
import { EVENT_SCHEMA_VERSION, type FieldEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db, Param } from '../db';
import { storedEvent, type EventRow } from '../event-row';
import { insertRows } from '../push';
import { nextSeq } from '../seq';
import { emptyCareKnown, emptyCareWrites, noteCareEvent, writeCare } from './push';

/** The ledger's categories a household's roster tags name, in the ledger's order. */
export const categoriesOf = (tags: readonly string[]): string[] => {
	const found = new Set(tags.map((t) => TAG_CATEGORY[t]).filter(Boolean));
	return CARE_CATEGORIES.filter((c) => found.has(c));
};

const isFixed = (c: string): boolean => (CARE_CATEGORIES as readonly string[]).includes(c);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The one person a roster row can name: the head of a household whose tags need care. */
export const rosterPersonId = (householdId: string): string => `roster-${householdId}`;

const newPerson = (name: string, categories: string[]): CarePerson => ({
	name: name || '户主',
	ageBand: '',
	categories,
	phone: '',
	medicines: [],
	mobility: 'walks',
	dialect: '',
	contact: { name: '', phone: '', relation: '' },
	note: ''
});

/** A household as the roster file gives it; `id` is null for one a dry run has not created. */
export interface RosterCareRow {
	id: string | null;
	head: string;
	tags: readonly string[];
}

/**
 * Fills the ledger from the tags of the households a roster file lists (`rows`), inside the
 * import's transaction. A household whose tags name a care category gets one person, its head,
 * entered as from the file. On a re-import, what the file says now replaces only what the file
 * said before: a name or category somebody entered in the field or on the ledger is kept (the
 * fold ranks it above the file's anyway), and each such field is reported as a disagreement for
 * the lead. Nobody is taken off the ledger.
 */
export async function importCare(
	tx: Db,
	auth: DeviceAuth,
	rows: readonly RosterCareRow[],
	dryRun: boolean
): Promise<CareImportSummary> {
	const stored = await tx.all<EventRow>(
		`SELECT ev.body, ev.volunteer, ev.received_at FROM events ev JOIN care_events ce ON ce.team_id = ev.team_id AND ce.event_id = ev.id
		 WHERE ce.team_id = ? AND ce.person_id LIKE 'roster-%'`,
		[auth.teamId]
	);
	const ledger = foldCare(stored.map(storedEvent));
	const summary: CareImportSummary = { added: 0, updated: 0, disagreements: [] };
	const now = new Date().toISOString();
	const base = { v: EVENT_SCHEMA_VERSION, deviceId: auth.deviceId, volunteer: auth.volunteer, at: now };
	const events: FieldEvent[] = [];
	for (const h of rows) {
		const categories = categoriesOf(h.tags);
		if (h.id === null) {
			// A dry run: the household is new, so its person would be too.
			if (categories.length) summary.added++;
			continue;
		}
		const personId = rosterPersonId(h.id);
		const s = ledger.get(personId);
		if (!s) {
			if (!categories.length) continue;
			summary.added++;
			events.push({
				...base,
				id: `care-${personId}`,
				type: 'care_person',
				personId,
				householdId: h.id,
				person: newPerson(h.head, categories),
				fromRoster: true
			});
			continue;
		}
		const fields: Partial<CarePerson> = {};
		const fileName = h.head || '户主';
		if (s.person.name !== fileName) {
			if (s.setBy.name.fromRoster) fields.name = fileName;
			else
				summary.disagreements.push({
					personId,
					householdId: h.id,
					field: 'name',
					file: fileName,
					ledger: s.person.name
				});
		}
		const fixed = s.person.categories.filter(isFixed);
		if (!same(fixed, categories)) {
			if (s.setBy.categories.fromRoster)
				fields.categories = [...categories, ...s.person.categories.filter((c) => !isFixed(c))];
			else
				summary.disagreements.push({
					personId,
					householdId: h.id,
					field: 'categories',
					file: categories.join('、'),
					ledger: fixed.join('、')
				});
		}
		if (Object.keys(fields).length) {
			summary.updated++;
			events.push({
				...base,
				id: uuidv7(),
				type: 'care_correct',
				personId,
				householdId: h.id,
				fields,
				fromRoster: true
			});
		}
	}
	if (dryRun || !events.length) return summary;
	let seq = await nextSeq(tx, auth.teamId, events.length);
	const known = emptyCareKnown();
	for (const s of ledger.values())
		known.people.set(s.id, { householdId: s.householdId, paired: null, t: 0, eventId: '' });
	const writes = emptyCareWrites();
	const rowsOut: Param[][] = [];
	for (const e of events) {
		if (e.type !== 'care_person' && e.type !== 'care_correct') continue;
		rowsOut.push([
			e.id,
			auth.teamId,
			auth.deviceId,
			e.type,
			e.householdId,
			JSON.stringify(e),
			now,
			seq,
			auth.volunteer
		]);
		noteCareEvent(known, auth, e, seq++, now, writes);
	}
	await insertRows(
		tx,
		'events (id, team_id, device_id, type, household_id, body, received_at, seq, volunteer)',
		9,
		rowsOut
	);
	await writeCare(tx, auth.teamId, writes);
	return summary;
}
