export interface StorageState {
	persisted: boolean;
	usage: number | null;
	quota: number | null;
}

/** Asks the browser not to evict our data (Safari and "clear site data" lose field work). */
export async function ensurePersistentStorage(): Promise<StorageState> {
	const storage = navigator.storage as StorageManager | undefined;
	if (!storage) return { persisted: false, usage: null, quota: null };
	let persisted = (await storage.persisted?.()) ?? false;
	if (!persisted) persisted = (await storage.persist?.().catch(() => false)) ?? false;
	const estimate = await storage.estimate?.().catch(() => undefined);
	return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

export function formatBytes(n: number | null): string {
	if (n === null) return '—';
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
	if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
