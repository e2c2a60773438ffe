import { uuidv7 } from 'uuidv7';
import { authenticate, enrol, hashToken, type DeviceAuth } from '../auth';
import { newSecret } from '../codes';
import type { Db } from '../db';
import { createOrg, officeTeam, theOrg } from '../org/teams';

/** Enrols a device and keeps its token, for tests that must watch the token stop working. */
export async function enrolled(
	db: Db,
	code: string,
	volunteer = '测试志愿者'
): Promise<{ auth: DeviceAuth; token: string }> {
	const done = await enrol(db, code, volunteer);
	if (!done) throw new Error(`no team for code ${code}`);
	return { auth: await authenticate(db, `Bearer ${done.token}`, { allowPending: true }), token: done.token };
}

/** An administrator of the store's organisation, made the way the setup link makes the first. */
export async function admin(db: Db, name = '管理员'): Promise<DeviceAuth & { token: string }> {
	const token = newSecret();
	await db.tx(async (tx) => {
		const org = (await theOrg(tx))?.id ?? (await createOrg(tx, '测试街道')).orgId;
		await tx.run(
			`INSERT INTO devices (id, team_id, volunteer, role, token_hash, created_at, status)
			 VALUES (?, ?, ?, 'admin', ?, ?, 'active')`,
			[uuidv7(), await officeTeam(tx, org), name, hashToken(token), new Date().toISOString()]
		);
	});
	return { ...(await authenticate(db, `Bearer ${token}`)), token };
}
