// Entry bundled by bench/lead/index.js (vite, lib mode, IIFE, minified) and run in the lead's page:
// the very modules the /lead screen uses to read, fold and summarise the team, nothing else.
import { openDoorstepDb } from '../../src/lib/client/db.ts';
import { foldKeepingUnchanged } from '../../src/lib/client/fold-cache.ts';
import { Keyring } from '../../src/lib/client/vault/keyring.ts';
import { unlock } from '../../src/lib/client/vault/vault.ts';
import { activeRound } from '../../src/lib/domain/rounds.ts';
import { missingByFloor, missingTotals, teamCoverage } from '../../src/lib/domain/team-coverage.ts';

/**
 * The app's database on this device, unlocked with the PIN as the lock screen does (PBKDF2, then
 * the data key in a keyring of its own): rows are sealed since issue 9, and only this opens them.
 * @param {string} pin
 */
export async function unlockedDb(pin) {
	const keyring = new Keyring();
	const db = openDoorstepDb('doorstep', keyring);
	const r = await unlock(db, keyring, pin);
	if (!r.ok) throw new Error('the bench could not unlock the lead device with its PIN');
	return db;
}

/**
 * What the lead screen reads, through Dexie and the sealing middleware exactly as `fieldData()`
 * reads it (src/lib/client/field-data.svelte.ts): all households, visit and void events by the
 * type index, rounds.
 * @param {import('../../src/lib/client/db.ts').DoorstepDb} db
 */
export async function readAsApp(db) {
	const [households, visits, voids, rounds] = await Promise.all([
		db.households.toArray(),
		db.events.where('type').equals('visit').toArray(),
		db.events.where('type').equals('void').toArray(),
		db.rounds.toArray()
	]);
	return { households, events: visits.concat(voids), rounds };
}

/**
 * What the lead screen derives from what it read: statuses, team totals, missing list.
 * @param {import('../../src/lib/domain/schemas.ts').Household[]} households
 * @param {import('../../src/lib/domain/schemas.ts').FieldEvent[]} events
 * @param {import('../../src/lib/domain/schemas.ts').Round[]} rounds
 */
export function leadCoverage(households, events, rounds) {
	const fold = foldKeepingUnchanged();
	const round = activeRound(rounds);
	const statuses = fold(households, events, round?.id ?? '');
	const team = teamCoverage(households, statuses);
	const missing = missingByFloor(households, statuses);
	return { statuses, team, missing, missingCount: missingTotals(missing) };
}
