/** How long a request has waited, in the largest whole unit that is at least one (minutes at least). */
export function waited(fromIso: string, now: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
	const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
	if (minutes < 60) return { unit: 'minutes', count: minutes };
	if (minutes < 24 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
	return { unit: 'days', count: Math.floor(minutes / (24 * 60)) };
}
