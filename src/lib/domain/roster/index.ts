export * from './api';
export { fieldOfHeader, findHeaderRow, headerKey, mapHeaders, type HeaderMap } from './headers';
export * from './normalise';
export { parseRosterTable, type RosterParseResult } from './parse';
export * from './problems';
export {
	decodeText,
	parseRosterCsv,
	parseRosterXlsx,
	readRosterFile,
	type RosterFileResult,
	type TextEncodingName
} from './read';
export { countRoster, readRow, readRows, type RawRow, type RosterCounts, type RowsResult } from './rows';
