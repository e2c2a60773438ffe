import { enrolResponseSchema } from '$lib/domain/api';
import type { DoorstepDb } from './db';
import { saveSession, type Session } from './session';

export class EnrolError extends Error {
	constructor(
		message: string,
		readonly offline = false
	) {
		super(message);
	}
}

export async function enrolDevice(db: DoorstepDb, code: string, volunteer: string): Promise<Session> {
	let res: Response;
	try {
		res = await fetch('/api/enrol', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code, volunteer })
		});
	} catch {
		throw new EnrolError('offline', true);
	}
	const body: unknown = await res.json().catch(() => null);
	if (!res.ok) {
		const b = body as { error?: string; issues?: string[] } | null;
		throw new EnrolError([b?.error, ...(b?.issues ?? [])].filter(Boolean).join('; ') || `HTTP ${res.status}`);
	}
	const session = enrolResponseSchema.parse(body);
	await saveSession(db, session);
	return session;
}
