/** What can be wrong with a roster, with a message a lead can act on, in Chinese and English. */

export const ROSTER_FIELDS = [
	'building',
	'unit',
	'floor',
	'room',
	'head',
	'phone',
	'residents',
	'tags',
	'note'
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Columns without which a row is not a household. */
export const REQUIRED_FIELDS = ['building', 'unit', 'room'] as const satisfies readonly RosterField[];

export const FIELD_LABELS: Record<RosterField, { zh: string; en: string }> = {
	building: { zh: '楼栋', en: 'building' },
	unit: { zh: '单元', en: 'unit' },
	floor: { zh: '楼层', en: 'floor' },
	room: { zh: '房号', en: 'room' },
	head: { zh: '户主', en: 'head of household' },
	phone: { zh: '联系电话', en: 'phone' },
	residents: { zh: '常住人数', en: 'residents' },
	tags: { zh: '重点人群', en: 'vulnerable groups' },
	note: { zh: '备注', en: 'note' }
};

export type ProblemCode =
	| 'empty_file'
	| 'unreadable'
	| 'csv_syntax'
	| 'missing_column'
	| 'unknown_column'
	| 'duplicate_column'
	| 'too_many_rows'
	| 'required'
	| 'invalid'
	| 'too_long'
	| 'date_cell'
	| 'floor_invalid'
	| 'floor_missing'
	| 'residents_invalid'
	| 'residents_missing'
	| 'too_many_tags'
	| 'duplicate';

/** Errors block the import; warnings are shown and the import may go ahead. */
export type Severity = 'error' | 'warning';

export interface RosterProblem {
	/** The row as Excel shows it: 1-based, counting the header row (and any title rows above it). */
	row: number;
	field: RosterField | null;
	code: ProblemCode;
	severity: Severity;
	/** Chinese, for the screen. */
	message: string;
	messageEn: string;
	/** The cell as written, where it helps to see it (never logged). */
	value?: string;
	/** For a duplicate: the earlier row holding the same household. */
	otherRow?: number;
}

export interface ProblemDetails {
	field?: RosterField | null;
	value?: string;
	otherRow?: number;
	/** A header text, a limit or a count, depending on the code. */
	detail?: string | number;
}

const WARNINGS = new Set<ProblemCode>(['unknown_column', 'duplicate_column', 'residents_missing']);

function texts(code: ProblemCode, d: ProblemDetails): [string, string] {
	const f = d.field ? FIELD_LABELS[d.field] : { zh: '', en: '' };
	switch (code) {
		case 'empty_file':
			return ['文件中没有数据', 'the file holds no data'];
		case 'unreadable':
			return [`无法读取文件:${d.detail ?? ''}`, `cannot read the file: ${d.detail ?? ''}`];
		case 'csv_syntax':
			return [`CSV 格式错误(${d.detail ?? ''}),请检查引号`, `CSV syntax error (${d.detail ?? ''}); check the quotes`];
		case 'missing_column':
			return [`缺少“${f.zh}”列`, `no "${f.en}" column`];
		case 'unknown_column':
			return [`未识别的列“${d.detail ?? ''}”,已忽略`, `unrecognised column "${d.detail ?? ''}", ignored`];
		case 'duplicate_column':
			return [`“${f.zh}”列出现多次,只使用第一列`, `more than one "${f.en}" column; only the first is used`];
		case 'too_many_rows':
			return [`行数超过上限 ${d.detail ?? ''}`, `more than ${d.detail ?? ''} rows`];
		case 'required':
			return [`“${f.zh}”不能为空`, `${f.en} is required`];
		case 'invalid':
			return [`“${f.zh}”格式不正确`, `${f.en} is not valid`];
		case 'too_long':
			return [
				`“${f.zh}”太长(最多 ${d.detail ?? ''} 个字)`,
				`${f.en} is too long (at most ${d.detail ?? ''} characters)`
			];
		case 'date_cell':
			return [
				`“${f.zh}”被 Excel 识别成了日期,请把该列设为文本后重新填写`,
				`${f.en} was turned into a date by Excel; format the column as text and type it again`
			];
		case 'floor_invalid':
			return ['楼层应为整数,如 5、5层、5F、B1', 'floor must be a whole number, e.g. 5, 5层, 5F, B1'];
		case 'floor_missing':
			return [
				'楼层为空,且无法从房号推断(房号应形如 502)',
				'floor is empty and cannot be derived from the room (expected a room like 502)'
			];
		case 'residents_invalid':
			return ['常住人数应为 0–99 的整数', 'residents must be a whole number from 0 to 99'];
		case 'residents_missing':
			return ['常住人数为空,按 0 人导入,请入户时核实', 'residents is empty; imported as 0, check at the door'];
		case 'too_many_tags':
			return [`重点人群最多 ${d.detail ?? ''} 项`, `at most ${d.detail ?? ''} vulnerable groups`];
		case 'duplicate':
			return [
				`与第 ${d.otherRow ?? '?'} 行是同一户(楼栋、单元、房号相同)`,
				`same household as row ${d.otherRow ?? '?'} (same building, unit and room)`
			];
	}
}

export function problem(row: number, code: ProblemCode, details: ProblemDetails = {}): RosterProblem {
	const [message, messageEn] = texts(code, details);
	const p: RosterProblem = {
		row,
		field: details.field ?? null,
		code,
		severity: WARNINGS.has(code) ? 'warning' : 'error',
		message,
		messageEn
	};
	if (details.value !== undefined) p.value = details.value;
	if (details.otherRow !== undefined) p.otherRow = details.otherRow;
	return p;
}

export const hasErrors = (problems: readonly RosterProblem[]): boolean => problems.some((p) => p.severity === 'error');
