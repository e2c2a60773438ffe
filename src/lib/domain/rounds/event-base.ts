import { z } from 'zod';
import { EVENT_SCHEMA_VERSION } from '../constants';

// The fields every event carries, as in ../schemas.ts. Repeated here because schemas.ts lists
// these events in its union: importing it from here would be an import cycle.

export const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });

export const eventBase = {
	id,
	v: z.union([z.literal(EVENT_SCHEMA_VERSION), z.literal(EVENT_SCHEMA_VERSION - 1)]).optional(),
	deviceId: id,
	volunteer: z.string().min(1).max(64),
	at: isoTime,
	receivedAt: isoTime.optional()
};
