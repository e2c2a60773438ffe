import type { Urgency } from '../constants';

// Plain values of the needs desk, without zod (screens import these at first paint).

/**
 * What a resident asks for. Ids are stable (stored in events); the screen names them through
 * i18n (`needs.kind.<id>`): 买药, 特病药 (a hospital prescription), 代购 (money collected at the
 * door), 婴幼儿用品, 就医陪护·接送, 维修, 心理疏导 (referral, with the hotline to give), 其他.
 */
export const NEED_KINDS = [
	'medicine',
	'special_medicine',
	'shopping',
	'infant',
	'escort',
	'repair',
	'counselling',
	'other'
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** How the request came in: 上门, 电话, 微信, 12345, 居民扫码. */
export const NEED_CHANNELS = ['door', 'phone', 'wechat', 'hotline_12345', 'resident_qr'] as const;
export type NeedChannel = (typeof NEED_CHANNELS)[number];

export const NOT_DONE_REASONS = ['nobody_home', 'unavailable', 'refused', 'cannot_do', 'other'] as const;
export type NotDoneReason = (typeof NOT_DONE_REASONS)[number];

/** The resident's word at the door: 满意 / 一般 / 不满意. */
export const FEEDBACK = ['good', 'ok', 'bad'] as const;
export type Feedback = (typeof FEEDBACK)[number];

/** The urgency a kind starts with: medicine first, then infants (the order deliveries use). */
export const KIND_URGENCY: Record<NeedKind, Urgency> = {
	medicine: 'medicine',
	special_medicine: 'medicine',
	infant: 'infant',
	shopping: 'normal',
	escort: 'normal',
	repair: 'normal',
	counselling: 'normal',
	other: 'normal'
};

/** Promised minutes: to a named volunteer accepting it, and to done. */
export interface Promise_ {
	respond: number;
	complete: number;
}

/**
 * Defaults from the seeds' practice: Xi'an's "一分钟回应,十分钟行动" and medicine within the
 * hour; a monthly prescription from the hospital takes a trip (half a day); groceries within
 * the afternoon. The lead may change them (passed in where they are used).
 */
export const DEFAULT_PROMISES: Record<NeedKind, Promise_> = {
	medicine: { respond: 10, complete: 60 },
	special_medicine: { respond: 30, complete: 480 },
	infant: { respond: 10, complete: 120 },
	shopping: { respond: 30, complete: 240 },
	escort: { respond: 30, complete: 120 },
	repair: { respond: 60, complete: 480 },
	counselling: { respond: 30, complete: 240 },
	other: { respond: 60, complete: 480 }
};

/** Kinds the board puts above the rest whatever their age. */
export const FIRST_KINDS: readonly NeedKind[] = ['medicine', 'special_medicine', 'infant'];
