import { columnsOf, type ExportCell, type ExportRow } from './csv';

export interface XlsxOptions {
	/** Sheet name; characters Excel refuses are removed and it is cut to 31 characters. */
	sheet?: string;
	columns?: readonly string[];
}

/** Excel's rules for a sheet name: at most 31 characters, none of \ / ? * [ ] :. */
export const safeSheetName = (name: string): string =>
	name
		.replace(/[\\/?*[\]:]/g, '')
		.replace(/^'+|'+$/g, '')
		.slice(0, 31) || 'Sheet1';

/** A rough display width: CJK characters are two columns wide. */
const widthOf = (text: string): number => {
	let w = 0;
	for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
	return w;
};

type XlsxCell = {
	value: string | number | boolean | Date;
	type: StringConstructor | NumberConstructor | BooleanConstructor | DateConstructor;
	format?: string;
	fontWeight?: 'bold';
} | null;

function toCell(value: ExportCell): XlsxCell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number } : null;
	if (typeof value === 'boolean') return { value: value ? '是' : '否', type: String };
	if (value instanceof Date) return { value, type: Date, format: 'yyyy-mm-dd hh:mm' };
	// Text cells are stored as strings, which Excel never evaluates: no formula guard needed.
	const text = Array.isArray(value) ? value.join('、') : (value as string);
	return text === '' ? null : { value: text, type: String };
}

/**
 * The bytes of an .xlsx with one sheet: a bold, frozen header row, then one row per object.
 * Numbers stay numbers, so Excel can sum them. The writer (~20 kB gzipped) is loaded on demand.
 */
export async function toXlsx(rows: readonly ExportRow[], options: XlsxOptions = {}): Promise<Uint8Array> {
	const { default: writeXlsxFile } = await import('write-excel-file/universal');
	const columns = options.columns ?? columnsOf(rows);
	const data: XlsxCell[][] = [
		columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' })),
		...rows.map((r) => columns.map((c) => toCell(r[c])))
	];
	const widths = columns.map((c, i) => {
		let w = widthOf(c);
		for (let r = 1; r < data.length && r < 500; r++) {
			const cell = data[r][i];
			if (cell) w = Math.max(w, widthOf(cell.value instanceof Date ? '0000-00-00 00:00' : String(cell.value)));
		}
		return { width: Math.min(60, w + 2) };
	});
	const blob = await writeXlsxFile(data, {
		sheet: safeSheetName(options.sheet ?? 'Sheet1'),
		columns: widths,
		stickyRowsCount: 1
	}).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}
