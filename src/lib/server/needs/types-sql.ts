import { NEED_EVENT_TYPES } from '$lib/domain/needs/events';

/**
 * The needs desk's event types as an SQL list, written once: every query that finds a request's
 * events by household says `type IN (NEED_TYPES_SQL)` in exactly these words, so the store can
 * use the partial index `events_need_household`, whose WHERE is this list (SQLite uses a partial
 * index only when the query repeats its condition term for term; see the migration's step and
 * need-index.spec.ts, which fails when a type is added here without a new step).
 */
export const NEED_TYPES_SQL = NEED_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
