// The round kinds as plain values, without zod: the grid and sync read these at first paint.

export const ROUND_KINDS = ['sampling', 'distribution', 'disinfection', 'survey'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/**
 * What a server sends a device in place of a round of a kind that device does not know (it
 * said which kinds it knows when it pulled): the device shows "update the app" for it.
 */
export const UNSUPPORTED_KIND = 'unsupported';

// What a door's record of each kind may say (the events' schemas are in ./events).

export const DISTRIBUTION_OUTCOMES = ['delivered', 'left_at_door', 'refused', 'not_living'] as const;
export type DistributionOutcome = (typeof DISTRIBUTION_OUTCOMES)[number];

export const SURVEY_OUTCOMES = ['answered', 'nobody_home', 'refused', 'not_living'] as const;
export type SurveyOutcome = (typeof SURVEY_OUTCOMES)[number];

export const DISINFECTION_OUTCOMES = ['done', 'could_not'] as const;
export const DISINFECTION_REASONS = ['locked', 'no_supplies', 'unsafe', 'other'] as const;
