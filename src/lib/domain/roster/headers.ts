import { cellText } from './normalise';
import { REQUIRED_FIELDS, type RosterField } from './problems';

const ALIASES: Record<RosterField, string[]> = {
	building: ['楼栋', '楼号', '栋', '栋号', '楼栋号', '幢', '幢号', '楼', 'building', 'buildingno', 'bldg', 'block'],
	unit: ['单元', '单元号', 'unit', 'unitno', 'entrance'],
	floor: ['楼层', '层', '所在楼层', 'floor', 'level'],
	room: [
		'房号',
		'门牌号',
		'室',
		'房间号',
		'房间',
		'户号',
		'门牌',
		'室号',
		'room',
		'roomno',
		'apt',
		'apartment',
		'door'
	],
	head: ['户主', '姓名', '户主姓名', '联系人', '居民姓名', 'head', 'name', 'headofhousehold', 'householder'],
	phone: [
		'联系电话',
		'电话',
		'手机',
		'手机号',
		'手机号码',
		'电话号码',
		'联系方式',
		'phone',
		'tel',
		'telephone',
		'mobile'
	],
	residents: [
		'常住人数',
		'人数',
		'人口数',
		'户内人数',
		'家庭人数',
		'居住人数',
		'常住人口',
		'residents',
		'people',
		'persons',
		'occupants'
	],
	tags: ['重点人群', '特殊人群', '人群类别', '重点人员', '标签', 'tags', 'tag', 'vulnerable', 'vulnerability'],
	note: ['备注', '说明', '情况说明', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments']
};

/**
 * A header's comparable form: NFKC (full-width to half-width), lower case, without spaces,
 * punctuation, a required-marker "*" or anything in brackets: " 联系电话(手机) * " → "联系电话".
 */
export function headerKey(header: unknown): string {
	return cellText(header)
		.toLowerCase()
		.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>/g, '')
		.replace(/[\s_\-.:*#·/]+/g, '');
}

const BY_KEY = new Map<string, RosterField>(
	(Object.entries(ALIASES) as [RosterField, string[]][]).flatMap(([field, names]) =>
		names.map((n) => [headerKey(n), field] as [string, RosterField])
	)
);

/** The field a header names, or null. */
export const fieldOfHeader = (header: unknown): RosterField | null => BY_KEY.get(headerKey(header)) ?? null;

export interface HeaderMap {
	/** For each column, the field it fills, or null when ignored. */
	columns: (RosterField | null)[];
	/** Headers no field matched, as written (blank headers are not listed). */
	unknown: string[];
	/** Fields named by more than one column; the first such column wins. */
	repeated: RosterField[];
	/** Required fields no column names. */
	missing: RosterField[];
}

export function mapHeaders(headers: readonly unknown[]): HeaderMap {
	const seen = new Set<RosterField>();
	const map: HeaderMap = { columns: [], unknown: [], repeated: [], missing: [] };
	for (const h of headers) {
		const field = fieldOfHeader(h);
		if (field && seen.has(field)) {
			if (!map.repeated.includes(field)) map.repeated.push(field);
			map.columns.push(null);
		} else {
			if (field) seen.add(field);
			else if (cellText(h)) map.unknown.push(cellText(h));
			map.columns.push(field);
		}
	}
	map.missing = REQUIRED_FIELDS.filter((f) => !seen.has(f));
	return map;
}

/**
 * Which row holds the headers: the first of the first `scan` rows naming building and room,
 * so a title row above ("新房子社区住户名单") is skipped. Falls back to the first non-blank row.
 */
export function findHeaderRow(table: readonly (readonly unknown[])[], scan = 10): number {
	let firstFilled = -1;
	for (let i = 0; i < table.length && i < scan; i++) {
		const fields = new Set(table[i].map(fieldOfHeader));
		if (fields.has('building') && fields.has('room')) return i;
		if (firstFilled < 0 && table[i].some((c) => cellText(c) !== '')) firstFilled = i;
	}
	return firstFilled;
}
