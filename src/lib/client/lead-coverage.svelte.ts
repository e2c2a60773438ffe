import { missingByFloor, missingTotals, teamCoverage, type MissingFloor } from '$lib/domain/team-coverage';
import {
	readCoverageSnapshot,
	saveCoverageSnapshot,
	summarize,
	type CoverageSnapshot,
	type CoverageSummary
} from './coverage-snapshot';
import { db as appDb, type DoorstepDb } from './db';
import { fieldData, type FieldData } from './field-data.svelte';

/** The snapshot read once when the screen opens (not live: it is only the first view). */
export function firstSnapshot(db: DoorstepDb = appDb): {
	readonly read: boolean;
	readonly value: CoverageSnapshot | undefined;
} {
	let read = $state(false);
	let value = $state.raw<CoverageSnapshot | undefined>(undefined);
	$effect(() => {
		let gone = false;
		void readCoverageSnapshot(db)
			// A snapshot that cannot be read (locked, damaged) is only a first view not drawn.
			.catch(() => undefined)
			.then((s) => {
				if (gone) return;
				value = s;
				read = true;
			});
		return () => (gone = true);
	});
	return {
		get read() {
			return read;
		},
		get value() {
			return value;
		}
	};
}

/** The coverage screen's figures: the live read's once it is in, the snapshot's until then. */
export interface LeadCoverage {
	readonly data: FieldData;
	/** True once the figures are computed from the roster and events now on the device. */
	readonly live: boolean;
	readonly summary: CoverageSummary | undefined;
	readonly missing: MissingFloor[];
}

/**
 * The whole roster read live (fieldData), its coverage computed and, after each computation, kept
 * as the snapshot — from an effect, since a live query must not write. Until the live read is in,
 * `summary` is `snapshot()` (check it with readCoverageSnapshot first). Call from component setup.
 */
export function leadCoverage(snapshot: () => CoverageSnapshot | undefined, db: DoorstepDb = appDb): LeadCoverage {
	const data = fieldData();
	const team = $derived(data.households && teamCoverage(data.households, data.statuses));
	const missing = $derived(data.households ? missingByFloor(data.households, data.statuses) : []);
	const computed = $derived(team && summarize(team, missingTotals(missing)));
	let saved = '';
	$effect(() => {
		if (!computed) return;
		const round = data.round;
		const key = JSON.stringify([round?.id, round?.date, computed]);
		if (key === saved) return;
		saved = key;
		// Not kept (locked meanwhile, storage full): the next open reads the roster as before.
		saveCoverageSnapshot(db, round, computed).catch(() => (saved = ''));
	});
	return {
		get data() {
			return data;
		},
		get live() {
			return computed !== undefined;
		},
		get summary() {
			return computed ?? snapshot();
		},
		get missing() {
			return missing;
		}
	};
}
