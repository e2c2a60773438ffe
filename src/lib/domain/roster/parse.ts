import { MAX_ROSTER_ROWS, type RosterHousehold } from './api';
import { findHeaderRow, mapHeaders } from './headers';
import { cellText, type Cell } from './normalise';
import { hasErrors, problem, type RosterProblem } from './problems';
import { countRoster, readRows, type RawRow, type RosterCounts } from './rows';

export interface RosterParseResult {
	/** Households without an error, each with the row it came from. */
	households: RosterHousehold[];
	/** Errors and warnings, in row order; header problems come first. */
	problems: RosterProblem[];
	counts: RosterCounts;
	/** Header texts of the columns that were ignored. */
	ignoredColumns: string[];
	/** 1-based row of the header (0 when none was found). */
	headerRow: number;
	/** True when nothing blocks the import (warnings allowed). */
	ok: boolean;
}

const blank = (row: readonly Cell[]): boolean => row.every((c) => !(c instanceof Date) && cellText(c) === '');

/**
 * Parses a sheet already split into rows and cells (from CSV or .xlsx). Row numbers in the
 * answer are the sheet's: table[0] is row 1.
 */
export function parseRosterTable(table: readonly (readonly Cell[])[], maxRows = MAX_ROSTER_ROWS): RosterParseResult {
	const h = findHeaderRow(table);
	const empty = (problems: RosterProblem[], headerRow = 0, ignoredColumns: string[] = []): RosterParseResult => ({
		households: [],
		problems,
		counts: countRoster(0, []),
		ignoredColumns,
		headerRow,
		ok: false
	});
	if (h < 0) return empty([problem(1, 'empty_file')]);

	const header = mapHeaders(table[h]);
	const headerProblems: RosterProblem[] = [
		...header.missing.map((field) => problem(h + 1, 'missing_column', { field })),
		...header.repeated.map((field) => problem(h + 1, 'duplicate_column', { field })),
		...header.unknown.map((text) => problem(h + 1, 'unknown_column', { detail: text, value: text }))
	];
	if (!header.columns.includes('residents'))
		headerProblems.push(problem(h + 1, 'residents_missing', { field: 'residents' }));
	if (header.missing.length) return empty(headerProblems, h + 1, header.unknown);

	const dataRows: { raw: RawRow; row: number }[] = [];
	for (let i = h + 1; i < table.length; i++) {
		const cells = table[i];
		if (blank(cells)) continue;
		if (dataRows.length === maxRows) {
			return empty([...headerProblems, problem(i + 1, 'too_many_rows', { detail: maxRows })], h + 1, header.unknown);
		}
		const raw: RawRow = {};
		header.columns.forEach((field, c) => {
			if (field) raw[field] = cells[c];
		});
		dataRows.push({ raw, row: i + 1 });
	}
	if (!dataRows.length) return empty([...headerProblems, problem(h + 2, 'empty_file')], h + 1, header.unknown);

	const { households, problems } = readRows(dataRows);
	const all = [...headerProblems, ...problems];
	return {
		households,
		problems: all,
		counts: countRoster(dataRows.length, households),
		ignoredColumns: header.unknown,
		headerRow: h + 1,
		ok: !hasErrors(all)
	};
}
