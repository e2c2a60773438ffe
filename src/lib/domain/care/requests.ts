import { dueOn, dutiesOf, type Duty } from './due';
import type { NeedKind } from '../needs/kinds';
import type { CareState } from './fold';

/**
 * A stable id from a text, shaped as a UUID (version 8, "custom"): 128 bits of four interleaved
 * 32-bit multiplicative hashes (cyrb128). Not a cryptographic hash — it needs none: it only has
 * to be the same on every device for the same seed (so two phones that create the same refill
 * request create the same ids, and the server answers the second copy as a duplicate) and not to
 * collide by chance with a UUIDv7. Synchronous, so the today list can ask it while it renders. It
 * also keeps the person's id and the refill day out of the request's id, which is stored in the
 * clear on the phone.
 */
export function derivedId(seed: string): string {
	let h1 = 1779033703,
		h2 = 3144134277,
		h3 = 1013904242,
		h4 = 2773480762;
	for (let i = 0; i < seed.length; i++) {
		const k = seed.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	const hex = [h1 ^ h2 ^ h3 ^ h4, h2 ^ h1, h3 ^ h1, h4 ^ h1]
		.map((h) => (h >>> 0).toString(16).padStart(8, '0'))
		.join('');
	// Version 8 in the 13th digit, the RFC 4122 variant (8–b) in the 17th.
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The ids of the one request a refill due on `due` for `personId` makes, and of the check-in
 * that marks the refill handed to the needs desk. Every device derives the same three, so however
 * many phones create it (a pair moved while the old phone was offline), the server keeps one.
 */
export const refillIds = (personId: string, due: string) => ({
	needId: derivedId(`care-refill-need|${personId}|${due}`),
	needEventId: derivedId(`care-refill-event|${personId}|${due}`),
	checkEventId: derivedId(`care-refill-check|${personId}|${due}`)
});

/** The request a "needs something" check-in starts is named after the check-in. */
export const needIdOfCheck = (checkEventId: string): string => derivedId(`care-needs|${checkEventId}`);

/**
 * A due refill asks for 特病药 (a hospital prescription) for a person on the ledger as 慢性病,
 * and for 买药 (the pharmacy) for anyone else.
 */
export const refillKind = (s: CareState): NeedKind =>
	s.person.categories.includes('慢性病') ? 'special_medicine' : 'medicine';

/**
 * A request from the care ledger names its person in its note: the desk and the holder see who
 * it is for, and the note is what the server holds back from volunteers outside the area (they
 * get the door only). The name is data, like the categories, not a phrase to translate.
 */
export const requestNote = (name: string, note: string): string =>
	(note.trim() ? `${name}:${note.trim()}` : name).slice(0, 500);

/** A refill that falls due on a volunteer's device and should become a request. */
export interface RefillDue {
	personId: string;
	householdId: string;
	due: string;
}

/**
 * The refills the device `deviceId` should hand to the needs desk on `today`: those of its own
 * pairs that are due (today or late) and whose household's door it knows (`canRequest`: a request
 * carries the door). Only the paired volunteer's device creates them — one device per person at
 * a time, the one that shows the refill — and the ids are derived from person and due day, so a
 * second creation (the pair moved, two tabs, a retry) collapses into the first.
 */
export function refillsToRequest(
	states: Iterable<CareState>,
	deviceId: string,
	today: string,
	roundDays: readonly string[],
	canRequest: (householdId: string) => boolean
): RefillDue[] {
	const out: RefillDue[] = [];
	for (const s of states) {
		if (s.pair?.deviceId !== deviceId || !canRequest(s.householdId)) continue;
		for (const d of dueOn(dutiesOf(s, roundDays, today), today)) {
			if (d.duty === 'refill') out.push({ personId: s.id, householdId: s.householdId, due: d.due });
		}
	}
	return out;
}

/**
 * Work a care check-in starts that no request could be made for: a due refill or a "needs
 * something" whose household's door this device does not know (a paired person outside the
 * volunteer's area on a device without their place). These stay tasks on the today list; every
 * other refill and need goes to the needs desk (see refillsToRequest and the care screen).
 */
export interface CareTask {
	personId: string;
	kind: 'refill' | 'needs';
	/** The day the work started (the refill's due day, the day the need was heard). */
	since: string;
}

export function careTasks(s: CareState, due: readonly Duty[], canRequest: boolean): CareTask[] {
	const out: CareTask[] = [];
	if (!canRequest)
		for (const d of due) if (d.duty === 'refill') out.push({ personId: s.id, kind: 'refill', since: d.due });
	if (s.needs && s.lastContact) out.push({ personId: s.id, kind: 'needs', since: s.lastContact.day });
	return out;
}
