import type { DeviceAuth, Role } from './auth';
import { HttpError } from './http';

/** Leads manage their own team; admins manage every team. */
export function requireRole(auth: DeviceAuth, ...roles: Role[]): void {
	if (!roles.includes(auth.role)) {
		throw new HttpError(403, `this needs a ${roles.join(' or ')} device; this one is a ${auth.role}`);
	}
}

export const requireLead = (auth: DeviceAuth): void => requireRole(auth, 'lead', 'admin');
