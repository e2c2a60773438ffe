import { open, openingKey, openMany, seal, sealOff } from './sealed-fields';

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
	foreignDoors: ['id'],
	// issue 13: the coverage screen's last figures (coverage-snapshot.ts), all sealed but the row's key.
	coverageSnapshot: ['key']
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
	/** The data key imported into WebCrypto once per unlock, for openRows. */
	#opening: Promise<CryptoKey> | null = null;
	/** Transactions whose reads of the named tables come back sealed (openLater). */
	#later = new WeakMap<object, Set<string>>();

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
		this.#opening = null;
	}

	/** The open data key, to wrap it under a new PIN (it stays in memory; only the wrapped form is stored). */
	openKey(): Uint8Array {
		if (!this.#key) throw new LockedError();
		return this.#key;
	}

	lock(): void {
		this.#key?.fill(0);
		this.#key = null;
		this.#opening = null;
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

	/**
	 * Rows of `table` read in transaction `trans` come back as stored (the sealing middleware
	 * leaves them), for the caller to open after the transaction with openRows, in one batch.
	 */
	openLater(trans: object, table: string): void {
		const tables = this.#later.get(trans) ?? new Set<string>();
		this.#later.set(trans, tables.add(table));
	}

	opensLater(trans: object, table: string): boolean {
		return this.#later.get(trans)?.has(table) === true;
	}

	/** Rows as openRow opens them, all at once through WebCrypto (sealed-fields.ts, openMany). */
	async openRows(rows: readonly Row[]): Promise<Row[]> {
		const sealed = rows.filter((r) => r.sealed instanceof Uint8Array);
		if (!sealed.length) return [...rows];
		if (!this.#key) throw new LockedError();
		this.#opening ??= openingKey(this.#key);
		const opened = await openMany(
			await this.#opening,
			sealed.map((r) => r.sealed as Uint8Array)
		);
		// Locked while the batch was opening: what it opened is not handed out.
		if (!this.#key) throw new LockedError();
		const byRow = new Map(sealed.map((r, i) => [r, opened[i] as Row]));
		return rows.map((row) => {
			const secret = byRow.get(row);
			if (!secret) return row;
			const clear: Row = { ...row };
			delete clear.sealed;
			return { ...clear, ...secret };
		});
	}

	/** One value sealed through WebCrypto (sealed-fields.ts, sealOff), outside any transaction; opened by openRows as a row's `sealed`. */
	async sealLater(value: Row): Promise<Uint8Array> {
		if (!this.#key) throw new LockedError();
		this.#opening ??= openingKey(this.#key);
		const box = await sealOff(await this.#opening, value);
		if (!this.#key) throw new LockedError();
		return box;
	}

	openRow(row: Row | undefined): Row | undefined {
		if (!row || !(row.sealed instanceof Uint8Array)) return row;
		if (!this.#key) throw new LockedError();
		const { sealed, ...clear } = row;
		return { ...clear, ...(open(this.#key, sealed as Uint8Array) as Row) };
	}
}
