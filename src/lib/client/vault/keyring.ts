import { open, seal } from './sealed-fields';

/** Thrown by any read or write of residents' data while the app is locked. */
export class LockedError extends Error {
	constructor() {
		super('the app is locked');
	}
}

/**
 * The fields each table keeps in clear: its indexes, and for households the shape of the grid
 * (building, unit, floor, room, residents) — where a door is, not who lives behind it. Every
 * other field of a row (names, phones, notes, tags, tubes, items, a volunteer's name) is sealed.
 */
export const CLEAR_FIELDS: Record<string, readonly string[]> = {
	households: ['id', 'building', 'unit', 'floor', 'room', 'residents'],
	orders: ['id', 'householdId'],
	events: ['id', 'householdId', 'type', 'deviceId'],
	rejected: ['id'],
	// issue 11: a person's folded care state is health data; only its keys stay clear (and the
	// paired device's id, as every event's recording device is: no name, no category).
	careFold: ['personId', 'householdId', 'paired'],
	careVolunteers: ['id'],
	// photos (issues 10, 12): the picture is sealed; what ties it to its event and its upload stays clear.
	photos: ['id', 'eventId', 'state', 'tries'],
	// issue 10: where a request went and how it stands, sealed like the lead's other data.
	needTransfers: ['needId'],
	// issue 10: another community's door passed here: the phone and even the door stay sealed.
	foreignDoors: ['id']
};

type Row = Record<string, unknown>;

/**
 * Holds the data key while the app is unlocked (in memory only: a reload or cold start locks).
 * A device with no PIN yet ("clear") reads and writes rows as they are, so a database from
 * before the PIN opens as it was and is sealed in place when the PIN is set.
 */
export class Keyring {
	#key: Uint8Array | null = null;
	#hasPin = false;

	get locked(): boolean {
		return this.#hasPin && !this.#key;
	}

	get sealing(): boolean {
		return this.#key !== null;
	}

	/** The device has a PIN: from now on nothing is written or read in clear. */
	expectPin(): void {
		this.#hasPin = true;
	}

	unlock(key: Uint8Array): void {
		this.#hasPin = true;
		this.#key = key;
	}

	/** The open data key, to wrap it under a new PIN (it stays in memory; only the wrapped form is stored). */
	openKey(): Uint8Array {
		if (!this.#key) throw new LockedError();
		return this.#key;
	}

	lock(): void {
		this.#key?.fill(0);
		this.#key = null;
	}

	/** Forgets the PIN too (the device is being cleared). */
	reset(): void {
		this.lock();
		this.#hasPin = false;
	}

	sealRow(row: Row, clear: readonly string[]): Row {
		if (!this.#key) {
			if (this.#hasPin) throw new LockedError();
			return row;
		}
		const out: Row = {};
		const secret: Row = {};
		for (const [k, v] of Object.entries(row)) (clear.includes(k) ? out : secret)[k] = v;
		out.sealed = seal(this.#key, secret);
		return out;
	}

	openRow(row: Row | undefined): Row | undefined {
		if (!row || !(row.sealed instanceof Uint8Array)) return row;
		if (!this.#key) throw new LockedError();
		const { sealed, ...clear } = row;
		return { ...clear, ...(open(this.#key, sealed as Uint8Array) as Row) };
	}
}
