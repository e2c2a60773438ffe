import Papa from 'papaparse';
import type { Cell } from './normalise';
import { parseRosterTable, type RosterParseResult } from './parse';
import { hasErrors, problem } from './problems';

export type TextEncodingName = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

/**
 * Decodes a text file whose encoding nobody wrote down: a UTF-16 byte-order mark wins; then
 * UTF-8 (with or without BOM) if the bytes are valid UTF-8; otherwise GBK, which is what Excel
 * on a Chinese Windows writes for "CSV". TextDecoder's 'gbk' is the WHATWG GB18030 decoder, in
 * every browser and in Node built with full ICU (the default).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
	try {
		// The default (ignoreBOM: false) strips a UTF-8 BOM.
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
	}
}

export interface RosterFileResult extends RosterParseResult {
	format: 'csv' | 'xlsx';
	/** For CSV: the encoding it was read as. */
	encoding?: TextEncodingName;
	/** For .xlsx: the sheet read. */
	sheet?: string;
}

/** Parses CSV (or tab-separated) text or bytes; the delimiter is detected. */
export function parseRosterCsv(input: Uint8Array | string): RosterFileResult {
	const { text, encoding } =
		typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: undefined } : decodeText(input);
	const parsed = Papa.parse<string[]>(text, {
		header: false,
		skipEmptyLines: false,
		delimitersToGuess: [',', '\t', ';', '|']
	});
	const result = parseRosterTable(parsed.data);
	// A stray quote swallows the rest of the file into one cell: that must block the import.
	const syntax = parsed.errors
		.filter((e) => e.type === 'Quotes')
		.map((e) => problem((e.row ?? 0) + 1, 'csv_syntax', { detail: e.code }));
	const problems = [...syntax, ...result.problems];
	return { ...result, problems, ok: !hasErrors(problems), format: 'csv', encoding };
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

const failed = (format: 'csv' | 'xlsx', detail: string): RosterFileResult => ({
	households: [],
	problems: [problem(1, 'unreadable', { detail })],
	counts: { rows: 0, households: 0, people: 0, vulnerable: 0 },
	ignoredColumns: [],
	headerRow: 0,
	ok: false,
	format
});

/**
 * Parses an .xlsx workbook: the first sheet whose header names building and room, else the
 * first sheet. The reader (~18 kB gzipped) is loaded only when an .xlsx is actually read.
 */
export async function parseRosterXlsx(bytes: Uint8Array): Promise<RosterFileResult> {
	const { default: readXlsxFile } = await import('read-excel-file/universal');
	let sheets: { sheet: string; data: Cell[][] }[];
	try {
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: Cell[][] }[];
	} catch (err) {
		return failed('xlsx', err instanceof Error ? err.message.slice(0, 200) : 'not an .xlsx workbook');
	}
	if (!sheets.length) return failed('xlsx', 'the workbook has no sheet');
	let first: RosterFileResult | undefined;
	for (const s of sheets) {
		const result: RosterFileResult = { ...parseRosterTable(s.data), format: 'xlsx', sheet: s.sheet };
		if (!result.problems.some((p) => p.code === 'missing_column' || p.code === 'empty_file')) return result;
		first ??= result;
	}
	return first as RosterFileResult;
}

/** Reads a roster file the lead picked: .xlsx by its content, anything else as CSV text. */
export async function readRosterFile(name: string, data: Uint8Array | ArrayBuffer): Promise<RosterFileResult> {
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	if (isZip(bytes)) return parseRosterXlsx(bytes);
	if (isOle(bytes) || /\.xls$/i.test(name))
		return failed('xlsx', '旧版 .xls 格式,请在 Excel 中另存为 .xlsx / old .xls format: save as .xlsx');
	return parseRosterCsv(bytes);
}
