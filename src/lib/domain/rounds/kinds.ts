// The round kinds as plain values, without zod: the grid and sync read these at first paint.

export const ROUND_KINDS = ['sampling', 'distribution', 'disinfection', 'survey'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/**
 * What a server sends a device in place of a round of a kind that device does not know (it
 * said which kinds it knows when it pulled): the device shows "update the app" for it.
 */
export const UNSUPPORTED_KIND = 'unsupported';
