import type { DeviceAuth, Role } from './auth';
import { HttpError } from './errors';

/** Leads manage their own team; admins manage every team of their organisation. */
export function requireRole(auth: DeviceAuth, ...roles: Role[]): void {
	if (!roles.includes(auth.role)) {
		throw new HttpError(403, `this needs a ${roles.join(' or ')} device; this one is a ${auth.role}`);
	}
}

export const requireLead = (auth: DeviceAuth): void => requireRole(auth, 'lead', 'admin');
export const requireAdmin = (auth: DeviceAuth): void => requireRole(auth, 'admin');
