import { z } from 'zod';

/**
 * What a team's lead decides about the lock on its phones: the PIN's least length and the
 * minutes without a touch before the app locks. Devices receive them with every pull.
 */
export const lockRulesSchema = z.object({
	/** Digits a PIN has at least (6–12). A phone whose PIN is shorter asks for a new one at its next unlock. */
	pinLength: z.number().int().min(6).max(12),
	/** Minutes without a touch before the app locks (1–30). */
	lockMinutes: z.number().int().min(1).max(30)
});
export type LockRules = z.infer<typeof lockRulesSchema>;

export const DEFAULT_LOCK_RULES: LockRules = { pinLength: 6, lockMinutes: 5 };
