import { z } from 'zod';
import { DEFAULT_PROMISES, NEED_KINDS, type NeedKind, type Promise_ } from './kinds';

/** Minutes: at most a week to accept, a month to complete; done never sooner than accepted. */
export const promiseSchema = z
	.object({
		respond: z
			.number()
			.int()
			.min(1)
			.max(7 * 24 * 60),
		complete: z
			.number()
			.int()
			.min(1)
			.max(31 * 24 * 60)
	})
	.refine((p) => p.complete >= p.respond, { message: 'complete: must not be sooner than respond', path: ['complete'] });

/** The team's promised times per kind: every kind, the lead's where changed, else the default. */
export const teamPromisesSchema = z.object({
	promises: z.record(z.enum(NEED_KINDS), z.object({ respond: z.number(), complete: z.number() })),
	changed: z.array(z.enum(NEED_KINDS))
});
export type TeamPromises = z.infer<typeof teamPromisesSchema>;

/** The lead changes one kind's promise, or gives it back to the default (null). */
export const setPromiseSchema = z.object({ kind: z.enum(NEED_KINDS), promise: promiseSchema.nullable() });

/** Every kind's promise: the lead's changes over the defaults. */
export function withDefaults(changes: Partial<Record<NeedKind, Promise_>>): Record<NeedKind, Promise_> {
	return Object.fromEntries(NEED_KINDS.map((k) => [k, changes[k] ?? DEFAULT_PROMISES[k]])) as Record<
		NeedKind,
		Promise_
	>;
}
