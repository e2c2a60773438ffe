import { z } from 'zod';
import { LOCK_RULE_LIMITS } from './lock-rules-check';

// The plain values (and the device's zod-free check of its stored row) live in
// ./lock-rules-check; DEFAULT_LOCK_RULES is re-exported here so existing imports keep working.
export { DEFAULT_LOCK_RULES } from './lock-rules-check';

const { pinLength, lockMinutes } = LOCK_RULE_LIMITS;

/**
 * What a team's lead decides about the lock on its phones: the PIN's least length and the
 * minutes without a touch before the app locks. Devices receive them with every pull.
 */
export const lockRulesSchema = z.object({
	/** Digits a PIN has at least (6–12). A phone whose PIN is shorter asks for a new one at its next unlock. */
	pinLength: z.number().int().min(pinLength.min).max(pinLength.max),
	/** Minutes without a touch before the app locks (1–30). */
	lockMinutes: z.number().int().min(lockMinutes.min).max(lockMinutes.max)
});
export type LockRules = z.infer<typeof lockRulesSchema>;
