// Calendar days as the community lives them (Asia/Shanghai, UTC+8 all year: China keeps no
// daylight saving), written YYYY-MM-DD. Day arithmetic goes through whole UTC days, so month
// and year ends need no special case.

const DAY_MS = 86_400_000;
/** Asia/Shanghai's fixed offset from UTC. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Day numbers already written out: a year of check-ins names a few hundred days, 70,000 times. */
const written = new Map<number, string>();

/** The Shanghai calendar day of an instant (ms since the epoch, or an ISO time). */
export function shanghaiDay(t: number | string): string {
	const ms = typeof t === 'number' ? t : Date.parse(t);
	const n = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
	let day = written.get(n);
	if (day === undefined) {
		day = new Date(n * DAY_MS).toISOString().slice(0, 10);
		if (written.size < 100_000) written.set(n, day);
	}
	return day;
}

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
export const dayNumber = (day: string): number =>
	Math.round(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS);

export const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromDayNumber(dayNumber(day) + n);

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

export const laterDay = (a: string, b: string): string => (a > b ? a : b);
