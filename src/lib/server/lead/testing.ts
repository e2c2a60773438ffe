import { authenticate, enrol, type DeviceAuth } from '../auth';
import type { Db } from '../db';

/** Enrols a device and keeps its token, for tests that must watch the token stop working. */
export async function enrolled(db: Db, code: string, volunteer = '测试志愿者'): Promise<{ auth: DeviceAuth; token: string }> {
	const done = await enrol(db, code, volunteer);
	if (!done) throw new Error(`no team for code ${code}`);
	return { auth: await authenticate(db, `Bearer ${done.token}`), token: done.token };
}

/** An admin device: enrolment makes none, so one is promoted the way an operator would. */
export async function admin(db: Db, code: string): Promise<DeviceAuth> {
	const { auth, token } = await enrolled(db, code, '管理员');
	await db.run("UPDATE devices SET role = 'admin' WHERE id = ?", [auth.deviceId]);
	return authenticate(db, `Bearer ${token}`);
}
