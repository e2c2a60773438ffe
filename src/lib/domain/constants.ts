// Plain values of the domain, without zod: screens import these at first paint, while the
// schemas that check them (./schemas) load only when something is parsed.

/** Event schema version this build writes; the server also accepts the one before. */
export const EVENT_SCHEMA_VERSION = 1;

export const VULNERABLE_TAGS = [
	'独居老人',
	'空巢老人',
	'行动不便',
	'残疾人',
	'孕妇',
	'婴幼儿',
	'慢性病',
	'居家隔离',
	'医护家庭'
] as const;

export const URGENCIES = ['medicine', 'infant', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const VISIT_OUTCOMES = ['sampled', 'sampled_elsewhere', 'not_living', 'refused', 'nobody_home'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const DELIVERY_FAIL_REASONS = ['nobody_home', 'wrong_items', 'refused', 'other'] as const;

/**
 * Unsent records' ids per write-off request (./write-off): a forgotten PIN's request goes in
 * batches of this many. Here, not beside the schema, because the lock screen imports it.
 */
export const WRITE_OFF_MAX_IDS = 1000;

/** The one tag a volunteer outside their area sees for a household with any care tag. */
export const MASKED_TAG = '重点人群';
