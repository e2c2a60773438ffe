import type { ExportRow } from '$lib/export';
import { byPlace as linesByPlace, deliveryLines } from './deliveries';
import { compareByPlace as byPlace } from './layout';
import type { DeliveryOrder, FieldEvent, Household } from './schemas';
import type { HouseholdStatus } from './status';
import { addToCoverage, emptyCoverage, type Coverage } from './coverage';

/** Column labels come from the translation layer, so an English lead gets English headers. */
export type Label = (key: string) => string;

/** One row per household for the round: what was recorded, by whom, when. */
export function visitRows(
	households: readonly Household[],
	statuses: ReadonlyMap<string, HouseholdStatus>,
	label: Label
): ExportRow[] {
	return [...households].sort(byPlace).map((h) => {
		const s = statuses.get(h.id);
		const d = s?.decidedBy;
		return {
			[label('building')]: h.building,
			[label('unit')]: h.unit,
			[label('floor')]: h.floor,
			[label('room')]: h.room,
			[label('head')]: h.head,
			[label('residents')]: h.residents,
			[label('tags')]: h.tags,
			[label('state')]: label(`state.${s?.state ?? 'todo'}`),
			[label('sampled')]: s?.sampled ?? 0,
			[label('tube')]: s?.tube ?? '',
			[label('volunteer')]: d?.volunteer ?? '',
			[label('time')]: d ? new Date(d.at) : null,
			// When the server had it: a phone's own clock can be wrong (see effectiveTime).
			[label('received')]: d?.receivedAt ? new Date(d.receivedAt) : null,
			[label('note')]: d?.note ?? '',
			[label('conflict')]: s?.conflicting.map((e) => e.volunteer) ?? []
		};
	});
}

const coverageCells = (c: Coverage, label: Label): ExportRow => ({
	[label('households')]: c.households,
	[label('householdsDone')]: c.householdsDone,
	[label('householdsMissing')]: c.households - c.householdsDone,
	[label('people')]: c.people,
	[label('peopleDone')]: c.peopleDone,
	[label('peopleMissing')]: c.people - c.peopleDone,
	[label('revisit')]: c.revisit,
	[label('refused')]: c.refused
});

/** Coverage by building, unit and floor, then a total row: the numbers the street office asks for. */
export function coverageRows(
	households: readonly Household[],
	statuses: ReadonlyMap<string, HouseholdStatus>,
	label: Label
): ExportRow[] {
	const floors = new Map<string, { h: Household; c: Coverage }>();
	const total = emptyCoverage();
	for (const h of [...households].sort(byPlace)) {
		const s = statuses.get(h.id);
		if (!s) continue;
		const key = `${h.building}\u0000${h.unit}\u0000${h.floor}`;
		let f = floors.get(key);
		if (!f) floors.set(key, (f = { h, c: emptyCoverage() }));
		addToCoverage(f.c, s);
		addToCoverage(total, s);
	}
	const rows: ExportRow[] = [...floors.values()].map(({ h, c }) => ({
		[label('building')]: h.building,
		[label('unit')]: h.unit,
		[label('floor')]: h.floor,
		...coverageCells(c, label)
	}));
	rows.push({
		[label('building')]: label('total'),
		[label('unit')]: '',
		[label('floor')]: null,
		...coverageCells(total, label)
	});
	return rows;
}

/** One row per delivery order with its outcome. Money is in yuan with two decimals. */
export function deliveryRows(
	orders: readonly DeliveryOrder[],
	households: readonly Household[],
	events: readonly FieldEvent[],
	label: Label
): ExportRow[] {
	return deliveryLines(orders, households, events)
		.sort(linesByPlace)
		.map(({ order: o, household: h, status: s }) => ({
			[label('building')]: h.building,
			[label('unit')]: h.unit,
			[label('room')]: h.room,
			[label('items')]: o.items,
			[label('urgency')]: label(`urgency.${o.urgency}`),
			[label('purchase')]: o.purchase,
			[label('state')]: label(`delivery.${s.state}`),
			[label('reason')]: s.decidedBy?.reason ? label(`reason.${s.decidedBy.reason}`) : '',
			[label('collected')]: s.decidedBy ? Number((s.decidedBy.collectedFen / 100).toFixed(2)) : 0,
			[label('volunteer')]: s.decidedBy?.volunteer ?? '',
			[label('time')]: s.decidedBy ? new Date(s.decidedBy.at) : null,
			[label('received')]: s.decidedBy?.receivedAt ? new Date(s.decidedBy.receivedAt) : null,
			[label('note')]: o.note
		}));
}
