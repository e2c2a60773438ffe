import type { ExportRow } from '$lib/export/csv';
import type { LedgerRow } from './ledger';

/** The 台账's columns, in the order a street office reads them. */
export const LEDGER_COLUMNS = [
	'building',
	'unit',
	'room',
	'name',
	'ageBand',
	'categories',
	'mobility',
	'phone',
	'contact',
	'pair',
	'lastContact',
	'nextDue',
	'raised',
	'note'
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/**
 * One row a person, headed in the reader's language by `label` (column keys as `col.<key>`,
 * mobility as `mobility.<value>`).
 */
export function ledgerExportRows(rows: readonly LedgerRow[], label: (key: string) => string): ExportRow[] {
	return rows.map(({ state: s, household: h, next }) => {
		const c = s.person.contact;
		const values: Record<LedgerColumn, string | string[] | boolean> = {
			building: h?.building ?? '',
			unit: h?.unit ?? '',
			room: h?.room ?? '',
			name: s.person.name,
			ageBand: s.person.ageBand,
			categories: s.person.categories,
			mobility: label(`mobility.${s.person.mobility}`),
			phone: s.person.phone,
			contact: [c.name, c.relation, c.phone].filter(Boolean).join(' '),
			pair: s.pair?.name ?? '',
			lastContact: s.lastContact?.day ?? '',
			nextDue: next ?? '',
			raised: s.raised,
			note: s.person.note
		};
		return Object.fromEntries(LEDGER_COLUMNS.map((k) => [label(`col.${k}`), values[k]]));
	});
}
