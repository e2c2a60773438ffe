const pad = (n: number) => String(n).padStart(2, '0');

/** "20261123-0905" in the device's time zone. */
export const stamp = (d: Date): string =>
	`${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;

/**
 * One part of a file name, safe on Windows, macOS, Android and iOS: no path separators,
 * reserved characters (\ / : * ? " < > |), control characters or "_" (the part separator);
 * whitespace runs become "-"; no leading or trailing dots, dashes or spaces; at most 60 characters.
 */
export function safeNamePart(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/[\\/:*?"<>|_\p{Cc}\p{Cf}]/gu, '')
		.replace(/\s+/g, '-')
		.replace(/^[.\-\s]+|[.\-\s]+$/g, '')
		.slice(0, 60)
		.replace(/[.\-\s]+$/, '');
}

export interface FileNameParts {
	community: string;
	/** What the file holds, e.g. "未采样名单" or "配送记录". */
	kind: string;
	/** The round's date, "2026-11-23"; left out when empty. */
	roundDate?: string;
	/** When the file is made; defaults to now. */
	at?: Date;
	ext?: 'xlsx' | 'csv';
}

/** `<community>_<kind>_<round date>_<YYYYMMDD-HHmm>.xlsx`, each part made safe; empty parts are dropped. */
export function exportFileName({
	community,
	kind,
	roundDate = '',
	at = new Date(),
	ext = 'xlsx'
}: FileNameParts): string {
	const parts = [community, kind, roundDate].map(safeNamePart).filter(Boolean);
	return `${[...parts, stamp(at)].join('_')}.${ext}`;
}
