import type { LockRules } from './lock-rules';

// The lock rules' plain values and the device's check of its stored rules row, without zod:
// the lock screen reads the rules at every cold start, before zod is loaded (./lock-rules
// builds the schema the API parses with from the same limits).

/** Inclusive ranges: PIN digits at least, minutes without a touch before the app locks. */
export const LOCK_RULE_LIMITS = {
	pinLength: { min: 6, max: 12 },
	lockMinutes: { min: 1, max: 30 }
} as const;

export const DEFAULT_LOCK_RULES: LockRules = { pinLength: 6, lockMinutes: 5 };

const inRange = (n: unknown, { min, max }: { min: number; max: number }): n is number =>
	typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;

/**
 * What `lockRulesSchema.safeParse(value)` gives, by hand: the two rules when the value is an
 * object holding both as whole numbers in range (any other key dropped), else null. The same
 * guarantees, held to the schema by lock-rules-check.spec.ts.
 */
export function checkLockRules(value: unknown): LockRules | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const { pinLength, lockMinutes } = value as Record<string, unknown>;
	if (!inRange(pinLength, LOCK_RULE_LIMITS.pinLength) || !inRange(lockMinutes, LOCK_RULE_LIMITS.lockMinutes))
		return null;
	return { pinLength, lockMinutes };
}
