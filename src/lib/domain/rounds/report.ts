import type { ExportRow } from '$lib/export';
import { compareByPlace } from '../layout';
import type { FieldEvent, Household, Round } from '../schemas';
import { areaChip, distributionChip, surveyChip, type ChipView } from './chips';
import type { AnswerValue } from './definition';
import { areasOf, disinfectionCoverage, foldAreas } from './disinfection';
import { distributionCoverage, foldDistributionAll } from './distribution';
import { foldSurveyAll, surveyCounts, surveyCoverage } from './survey';

export type KindRound = Extract<Round, { kind: 'distribution' | 'disinfection' | 'survey' }>;

/** Words come from the translation layer: column names, and a chip's state as a person reads it. */
export interface Words {
	col: (key: string) => string;
	state: (c: Pick<ChipView, 'text' | 'values'>) => string;
	answer: (v: AnswerValue) => string;
}

/** One place still to do, in walking order: building → unit → floor (common areas first). */
export interface MissingItem {
	id: string;
	building: string;
	unit: string;
	floor: number | null;
	label: string;
	state: string;
}

/** One household (or area) on the lead's read-only grid: where it is and how its chip shows. */
export interface PlaceChip extends MissingItem {
	chip: ChipView;
}

export interface RoundReport {
	/** Households (or areas) done of all, and what the kind counts besides. */
	done: number;
	total: number;
	/** Items out of expected (distribution) or passes done of required (disinfection). */
	work: { done: number; required: number } | null;
	disagreements: number;
	missing: MissingItem[];
	/** Households (or areas) where volunteers' records disagree, in walking order. */
	disputed: MissingItem[];
	/** One row per household (or area): the export and the lead's table. */
	table: ExportRow[];
	/** A survey's answers as counts (field, value, households); empty for the other kinds. */
	counts: ExportRow[];
	/** Every household (or area) with its chip, in walking order: the lead's grid of the round. */
	places: PlaceChip[];
}

const byWalk = (a: MissingItem, b: MissingItem) =>
	compareByPlace(
		{ building: a.building, unit: a.unit, floor: a.floor ?? -1000, room: a.label } as Household,
		{ building: b.building, unit: b.unit, floor: b.floor ?? -1000, room: b.label } as Household
	);

/**
 * What the lead sees of a round of the other kinds: coverage, the still-missing walking list,
 * the table and the counts, all from one fold of the device's copy (`day` for disinfection).
 */
export function roundReport(
	round: KindRound,
	households: readonly Household[],
	events: readonly FieldEvent[],
	day: string,
	w: Words
): RoundReport {
	const sorted = [...households].sort(compareByPlace);
	if (round.kind === 'disinfection') {
		const areas = areasOf(sorted, round.definition);
		const statuses = foldAreas(areas, round.definition, events, round.id, day);
		const c = disinfectionCoverage(statuses.values());
		const missing: MissingItem[] = [];
		const disputed: MissingItem[] = [];
		const places: PlaceChip[] = [];
		const table: ExportRow[] = areas.map((a) => {
			const s = statuses.get(a.key)!;
			const chip = areaChip(s);
			const item = {
				id: a.key,
				building: a.building,
				unit: a.unit,
				floor: a.floor,
				label: a.area,
				state: w.state(chip)
			};
			if (chip.missing) missing.push(item);
			if (chip.conflict) disputed.push(item);
			places.push({ ...item, chip });
			return {
				[w.col('building')]: a.building,
				[w.col('unit')]: a.unit,
				[w.col('floor')]: a.floor ?? w.col('common'),
				[w.col('area')]: a.area,
				[w.col('passes')]: s.passes,
				[w.col('required')]: s.required,
				[w.col('state')]: w.state(chip),
				[w.col('volunteer')]: [...new Set(s.done.map((e) => e.volunteer))],
				[w.col('couldNot')]: s.couldNot.map((e) => e.reason ?? '')
			};
		});
		return {
			done: c.areasDone,
			total: c.areas,
			work: { done: c.passesDone, required: c.passesRequired },
			disagreements: c.disagreements,
			missing: missing.sort(byWalk),
			disputed: disputed.sort(byWalk),
			table,
			counts: [],
			places: places.sort(byWalk)
		};
	}
	const place = (h: Household) => ({
		[w.col('building')]: h.building,
		[w.col('unit')]: h.unit,
		[w.col('floor')]: h.floor,
		[w.col('room')]: h.room,
		[w.col('residents')]: h.residents
	});
	const missing: MissingItem[] = [];
	const disputed: MissingItem[] = [];
	const places: PlaceChip[] = [];
	const miss = (h: Household, chip: ChipView) => {
		const item = { id: h.id, building: h.building, unit: h.unit, floor: h.floor, label: h.room, state: w.state(chip) };
		if (chip.missing) missing.push(item);
		if (chip.conflict) disputed.push(item);
		places.push({ ...item, chip });
	};
	if (round.kind === 'distribution') {
		const statuses = foldDistributionAll(sorted, round.definition, events, round.id);
		const c = distributionCoverage(statuses.values());
		const table = sorted.map((h): ExportRow => {
			const s = statuses.get(h.id)!;
			const chip = distributionChip(s);
			miss(h, chip);
			return {
				...place(h),
				[w.col('state')]: w.state(chip),
				[w.col('quantity')]: s.quantity,
				[w.col('expected')]: s.expected,
				[w.col('volunteer')]: s.decidedBy?.volunteer ?? '',
				[w.col('time')]: s.decidedBy ? new Date(s.decidedBy.at) : null,
				[w.col('conflict')]: s.conflicting.map((e) => e.volunteer)
			};
		});
		return {
			done: c.householdsDone,
			total: c.households,
			work: { done: c.itemsOut, required: c.itemsExpected },
			disagreements: c.disagreements,
			missing: missing.sort(byWalk),
			disputed: disputed.sort(byWalk),
			table,
			counts: [],
			places
		};
	}
	const statuses = foldSurveyAll(sorted, events, round.id);
	const c = surveyCoverage(statuses.values());
	const form = round.definition;
	const table = sorted.map((h): ExportRow => {
		const s = statuses.get(h.id)!;
		const chip = surveyChip(s);
		miss(h, chip);
		const answers = s.state === 'answered' ? (s.decidedBy?.answers ?? {}) : {};
		const cells: ExportRow = {};
		for (const f of form.fields) cells[f.label] = answers[f.id] === undefined ? '' : w.answer(answers[f.id]);
		return {
			...place(h),
			[w.col('state')]: w.state(chip),
			...cells,
			[w.col('volunteer')]: s.decidedBy?.volunteer ?? '',
			[w.col('time')]: s.decidedBy ? new Date(s.decidedBy.at) : null,
			[w.col('conflict')]: s.conflicting.map((e) => e.volunteer)
		};
	});
	const counts: ExportRow[] = [];
	for (const f of surveyCounts(form, statuses.values())) {
		counts.push({
			[w.col('question')]: f.label,
			[w.col('value')]: w.col('answered'),
			[w.col('households')]: f.answered
		});
		for (const [value, n] of Object.entries(f.values)) {
			const shown = value === 'true' ? w.answer(true) : value === 'false' ? w.answer(false) : value;
			counts.push({ [w.col('question')]: f.label, [w.col('value')]: shown, [w.col('households')]: n });
		}
	}
	return {
		done: c.householdsDone,
		total: c.households,
		work: null,
		disagreements: c.disagreements,
		missing: missing.sort(byWalk),
		disputed: disputed.sort(byWalk),
		table,
		counts,
		places
	};
}
