/**
 * Cell normalisers for roster import. Pure and idempotent: normalising an already normal value
 * returns it unchanged, so the server can run the same functions on rows the browser parsed.
 */

/** A cell as a sheet reader or CSV parser hands it over. */
export type Cell = string | number | boolean | Date | null | undefined;

/**
 * Full-width forms to half-width (NFKC: "３" → "3", "，" → ",", the ideographic space → " "),
 * then trimmed. Chinese characters are unaffected.
 */
export const halfWidth = (s: string): string => s.normalize('NFKC').trim();

/** A cell's text: numbers without exponent or float noise, everything else NFKC-trimmed. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return String(value);
		// Integers up to 1e21 print in full ("13800000000"), which is what a phone column holds.
		return Number.isInteger(value) ? value.toFixed(0) : String(value);
	}
	if (typeof value === 'string') return halfWidth(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	return halfWidth(String(value));
}

const CN_DIGITS: Record<string, number> = {
	零: 0,
	〇: 0,
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};

/** "三" → 3, "十二" → 12, "二十" → 20, "九十九" → 99; anything else → null. */
export function chineseNumber(s: string): number | null {
	const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
	if (m && s.length) {
		const [, tens, ten, ones] = m;
		if (!ten) return tens && !ones ? CN_DIGITS[tens] : null;
		return (tens ? CN_DIGITS[tens] : 1) * 10 + (ones ? CN_DIGITS[ones] : 0);
	}
	return null;
}

/** Digits lose leading zeros ("03" → "3"); Chinese numerals become digits ("三" → "3"). */
function canonicalNumber(s: string): string {
	if (/^\d+$/.test(s)) return s.replace(/^0+(?=\d)/, '');
	const cn = chineseNumber(s);
	return cn === null ? s : String(cn);
}

const squeeze = (s: string): string => halfWidth(s).replace(/\s+/g, '').toUpperCase();

/** "3", "3栋", "3号楼", "3幢", "３", "第3栋", "03", "三号楼", "3#" → "3"; "A座" → "A". */
export function normaliseBuilding(value: unknown): string {
	let s = squeeze(cellText(value));
	s = s.replace(/^第+/, '').replace(/(号楼|号栋|号幢|栋楼|栋|幢|楼|号|座|#)+$/, '');
	return canonicalNumber(s);
}

/** "2", "2单元", "第2单元", "二单元", "02" → "2". */
export function normaliseUnit(value: unknown): string {
	let s = squeeze(cellText(value));
	s = s.replace(/^第+/, '').replace(/(单元|单|门|号)+$/, '');
	return canonicalNumber(s);
}

/** "502", "502室", "502号", " ５０２ " → "502". Leading zeros are kept: "0502" is a door sign. */
export function normaliseRoom(value: unknown): string {
	return squeeze(cellText(value)).replace(/(室|号|房)+$/, '');
}

/** A floor the cell states: "5", "5层", "5F", "5楼", "第5层", "-1", "B1" (basement) → number. */
export function parseFloor(value: unknown): number | null | 'invalid' {
	if (typeof value === 'number') return Number.isInteger(value) ? value : 'invalid';
	let s = squeeze(cellText(value));
	if (!s) return null;
	s = s.replace(/^第/, '').replace(/(层|楼|F)$/, '');
	const basement = /^(?:B|负|地下)(\d+)$/.exec(s);
	if (basement) return -Number(basement[1]);
	if (/^-?\d+$/.test(s)) return Number(s);
	const cn = chineseNumber(s);
	return cn === null ? 'invalid' : cn;
}

/** The floor a room number implies: 502 → 5, 1801 → 18, "2-1203" → 12, "502A" → 5; "12" → null. */
export function floorFromRoom(room: string): number | null {
	const m = /(\d{3,})\D*$/.exec(room);
	if (!m) return null;
	const floor = Math.floor(Number(m[1]) / 100);
	return floor > 0 ? floor : null;
}

/** Residents: 3, "3", "3人", "３", "3.0" → 3; "" → null; "3.5", "-1", "abc", 120 → 'invalid'. */
export function parseResidents(value: unknown): number | null | 'invalid' {
	if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 99 ? value : 'invalid';
	const s = squeeze(cellText(value)).replace(/(人|口)$/, '');
	if (!s) return null;
	if (!/^\d+(\.0+)?$/.test(s)) return 'invalid';
	const n = Number(s);
	return n <= 99 ? n : 'invalid';
}

const NO_TAGS = new Set(['无', '没有', '暂无', '否', '-', '—', '--', 'N/A', 'NA', 'NONE', '/']);

/** "独居老人、空巢老人" / "孕妇,慢性病" / "a；b" / "a/b c" → tags, trimmed, de-duplicated; "无" → []. */
export function splitTags(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.flatMap((v) => splitTags(v)) : cellText(value).split(/[、,;/|\s]+/);
	const out: string[] = [];
	for (const p of parts) {
		const t = p.trim();
		if (t && !NO_TAGS.has(t.toUpperCase()) && !out.includes(t)) out.push(t);
	}
	return out;
}

/** Free text (name, note): NFKC-trimmed with inner runs of whitespace made one space. */
export const normaliseText = (value: unknown): string => cellText(value).replace(/\s+/g, ' ');

/** A phone keeps digits and + - only as written, without spaces: "138 0000 0000" → "13800000000". */
export const normalisePhone = (value: unknown): string => cellText(value).replace(/\s+/g, '');

/** The stable key of a household within a team. */
export const householdKey = (h: { building: string; unit: string; room: string }): string =>
	`${h.building}\u0000${h.unit}\u0000${h.room}`;
