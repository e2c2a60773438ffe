import { exportFileName, type FileNameParts } from '$lib/export/filename';
import { toCsvBytes, type ExportRow } from '$lib/export/csv';

const TYPES = {
	csv: 'text/csv;charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/**
 * Saves rows as a .csv or .xlsx file on the lead's device, named the one way every export is
 * (see exportFileName). The spreadsheet writer is loaded only when a spreadsheet is asked for,
 * so no screen carries it at first paint.
 */
export async function saveExport(
	rows: ExportRow[],
	file: Omit<FileNameParts, 'ext'> & { ext: 'csv' | 'xlsx'; sheet: string }
): Promise<void> {
	const { sheet, ...parts } = file;
	let bytes: Uint8Array;
	if (file.ext === 'csv') bytes = toCsvBytes(rows);
	else {
		const { toXlsx } = await import('$lib/export/xlsx');
		bytes = await toXlsx(rows, { sheet });
	}
	const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: TYPES[file.ext] }));
	const a = document.createElement('a');
	a.href = url;
	a.download = exportFileName(parts);
	a.click();
	// The browser reads the blob after the click returns: free it a little later.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
