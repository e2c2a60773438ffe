/** Why a sync failed. Its own module so the sync manager can tell `offline` without loading ./sync (and zod). */
export class SyncError extends Error {
	constructor(
		message: string,
		readonly kind: 'offline' | 'auth' | 'server'
	) {
		super(message);
	}
}
