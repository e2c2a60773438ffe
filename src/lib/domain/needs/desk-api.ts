import { z } from 'zod';

const noNul = (s: string) => !s.includes('\0');

/** The team's desk volunteers, by device (the lead's view). */
export const deskDevicesSchema = z.object({ desk: z.array(z.string()) });
export type DeskDevices = z.infer<typeof deskDevicesSchema>;

/** The lead marks a volunteer as desk, or takes the role back. */
export const setDeskSchema = z.object({
	deviceId: z.string().min(1).max(64).refine(noNul, 'must not contain a NUL character'),
	desk: z.boolean()
});

/** Whether this device may take requests at the desk (any device may ask about itself). */
export const deskStatusSchema = z.object({ desk: z.boolean() });

/**
 * One household as the desk searches it: the door and the head of household's name, nothing
 * else — no phone, no residents, no tags or notes (see docs/needs-desk.md, "The desk role").
 */
export const deskHouseholdSchema = z.object({
	id: z.string(),
	building: z.string(),
	unit: z.string(),
	floor: z.number(),
	room: z.string(),
	head: z.string()
});
export type DeskHousehold = z.infer<typeof deskHouseholdSchema>;
export const deskRosterSchema = z.object({ households: z.array(deskHouseholdSchema) });
