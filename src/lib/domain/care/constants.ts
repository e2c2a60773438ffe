// Plain values of the care ledger, without zod (screens import these at first paint).

/**
 * The categories a street office's 需帮扶人员台账 lists. Stored as these words (the ledger and
 * its export are read in Chinese); a lead or volunteer may add free categories beside them.
 */
export const CARE_CATEGORIES = ['独居老人', '孕妇', '慢性病', '残疾', '医护家属'] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

/** Which roster tag (VULNERABLE_TAGS and common variants) puts a person in which category. */
export const TAG_CATEGORY: Readonly<Record<string, CareCategory>> = {
	独居老人: '独居老人',
	空巢老人: '独居老人',
	孕妇: '孕妇',
	慢性病: '慢性病',
	特病药: '慢性病',
	残疾人: '残疾',
	残疾: '残疾',
	医护家庭: '医护家属',
	医护家属: '医护家属'
};

export const AGE_BANDS = ['', '0-17', '18-59', '60-69', '70-79', '80+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** How far the person gets on their own: the last two cannot go downstairs to be sampled. */
export const MOBILITIES = ['walks', 'stairs_hard', 'housebound', 'bedridden'] as const;
export type Mobility = (typeof MOBILITIES)[number];

/** The duties a plan can hold: a call, a visit, a medicine refill, the eve-of-sampling reminder. */
export const CARE_DUTIES = ['call', 'visit', 'refill', 'sampling'] as const;
export type CareDuty = (typeof CARE_DUTIES)[number];

/**
 * What a check-in found. Everything but `no_answer` and `requested` is a contact. `requested`
 * is no check-in at all: the paired volunteer's device marks a due refill handed to the needs
 * desk (a request made), which moves the next refill on and says nothing about the person.
 */
export const CHECK_RESULTS = ['well', 'needs', 'no_answer', 'visited', 'requested'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** Consecutive unanswered check-ins after which the lead is told. */
export const MISSES_TO_RAISE = 2;

/** The ledger's dates are the community's: China has one zone and no daylight saving (UTC+8). */
export const CARE_TIME_ZONE = 'Asia/Shanghai';

/** The i18n keys of the fixed categories (labels in the reader's language; data stays Chinese). */
export const CATEGORY_KEYS: Readonly<Record<CareCategory, string>> = {
	独居老人: 'alone',
	孕妇: 'pregnant',
	慢性病: 'chronic',
	残疾: 'disabled',
	医护家属: 'medic'
};
