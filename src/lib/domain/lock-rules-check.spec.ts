import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLockRules, DEFAULT_LOCK_RULES } from './lock-rules-check';
import { lockRulesSchema } from './lock-rules';

/** The schema's answer in checkLockRules's terms: the parsed rules, or null. */
const bySchema = (value: unknown) => {
	const parsed = lockRulesSchema.safeParse(value);
	return parsed.success ? parsed.data : null;
};

// Numbers around and inside both ranges, and the ones zod's int() refuses.
const edgyNumber = fc.oneof(
	fc.integer({ min: -2, max: 40 }),
	fc.double(),
	fc.constantFrom(NaN, Infinity, -Infinity, -0, 6.5, 2 ** 53, Number.MAX_SAFE_INTEGER, 12.000001)
);
const edgyValue = fc.oneof(
	edgyNumber,
	fc.constantFrom(undefined, null, '6', true, [], {}),
	fc.anything({ maxDepth: 1 })
);
const rulesLike = fc.oneof(
	fc.record({ pinLength: edgyValue, lockMinutes: edgyValue }, { requiredKeys: [] }),
	fc.record({ pinLength: edgyNumber, lockMinutes: edgyNumber, extra: fc.anything({ maxDepth: 1 }) })
);

describe('checkLockRules (the lock screen reads its stored rules without zod)', () => {
	it('answers exactly as lockRulesSchema.safeParse does', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					rulesLike,
					rulesLike.map((r) => Object.assign([], r)),
					fc.anything(),
					fc.array(edgyNumber)
				),
				(value) => {
					expect(checkLockRules(value)).toStrictEqual(bySchema(value));
				}
			),
			{ numRuns: 5000 }
		);
	});

	it('takes the range ends and drops other keys, as the schema does', () => {
		for (const value of [
			{ pinLength: 6, lockMinutes: 1 },
			{ pinLength: 12, lockMinutes: 30, extra: 'x' },
			DEFAULT_LOCK_RULES
		]) {
			expect(checkLockRules(value)).toStrictEqual(bySchema(value));
			expect(checkLockRules(value)).toStrictEqual({ pinLength: value.pinLength, lockMinutes: value.lockMinutes });
		}
	});

	it('refuses what the schema refuses: out of range, fractions, strings, arrays, nothing', () => {
		for (const value of [
			{ pinLength: 5, lockMinutes: 5 },
			{ pinLength: 13, lockMinutes: 5 },
			{ pinLength: 6, lockMinutes: 0 },
			{ pinLength: 6, lockMinutes: 31 },
			{ pinLength: 6.5, lockMinutes: 5 },
			{ pinLength: '6', lockMinutes: 5 },
			{ pinLength: 6 },
			Object.assign([], { pinLength: 6, lockMinutes: 5 }),
			null,
			undefined,
			'rules'
		]) {
			expect(bySchema(value)).toBeNull();
			expect(checkLockRules(value)).toBeNull();
		}
	});
});
