/** A value in an exported table. Arrays (tags) are joined with "、". */
export type ExportCell = string | number | boolean | Date | null | undefined | readonly string[];
export type ExportRow = Record<string, ExportCell>;

/** Column headers in first-seen order across all rows. */
export function columnsOf(rows: readonly ExportRow[]): string[] {
	const seen = new Set<string>();
	for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
	return [...seen];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-23 09:05", in the device's time zone. */
export const formatDateTime = (d: Date): string =>
	`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/**
 * Text a spreadsheet would run as a formula (= + - @, or a leading tab or CR that some
 * programs strip first) gets a leading apostrophe, per OWASP's CSV-injection advice.
 */
export const guardFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** A cell as CSV text: numbers as written, text guarded against formulas. */
export function cellToText(value: ExportCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? '是' : '否';
	if (value instanceof Date) return formatDateTime(value);
	if (Array.isArray(value)) return guardFormula(value.join('、'));
	return guardFormula(value as string);
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
export const quoteField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** CSV text: a header line, then one line per row, each ended with CRLF. No BOM. */
export function toCsv(rows: readonly ExportRow[], columns: readonly string[] = columnsOf(rows)): string {
	const lines = [columns.map((c) => quoteField(guardFormula(c))).join(',')];
	for (const r of rows) lines.push(columns.map((c) => quoteField(cellToText(r[c]))).join(','));
	return lines.join('\r\n') + '\r\n';
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * The bytes of a .csv that Excel opens in Chinese: UTF-8 with a byte-order mark (without it,
 * Excel on Chinese Windows reads the file as GBK and shows mojibake).
 */
export function toCsvBytes(rows: readonly ExportRow[], columns?: readonly string[]): Uint8Array {
	const body = new TextEncoder().encode(toCsv(rows, columns));
	const out = new Uint8Array(BOM.length + body.length);
	out.set(BOM);
	out.set(body, BOM.length);
	return out;
}
