/**
 * The operator's command line, against the store named by DATA_DIR / DATABASE_URL (also while
 * the server runs). `--json` prints exactly one JSON object on stdout and nothing else, for
 * deployment scripts; everything else goes to stderr. Run as `npm run -s admin -- <command>`.
 */
import { parseArgs } from 'node:util';
import { openDb } from '../src/lib/server/db/index';
import type { Db } from '../src/lib/server/db/index';
import { loadDemo } from '../src/lib/server/demo';
import { HttpError } from '../src/lib/server/errors';
import { createInvite, rotateInvite, teamInvites } from '../src/lib/server/org/invites';
import { issueSetupToken } from '../src/lib/server/org/setup';
import {
	adoptLegacyTeams,
	createCommunity,
	createOrg,
	officeTeam,
	setTeamSettings,
	theOrg
} from '../src/lib/server/org/teams';

const USAGE = `usage: npm run -s admin -- <command> [--json]
  team create <name> [--approval off] [--org <name>]   a new community and its invitations
  team list                                            every community with its codes
  team invites <teamId> [--base-url URL]               a community's codes and enrolment links
  team rotate <teamId> volunteer|lead                  new code; the old one stops at once
  devices [<teamId>]                                   enrolled devices (no tokens are kept)
  demo [--org <name>] [--approval off] [--full-team]    load the demo community (random codes); --full-team
                                                       lets unassigned volunteers see names and phones
  setup-link [--base-url URL]                          a fresh one-time setup link (until an administrator exists)
  admin-invite                                         a single-use invitation for an administrator`;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		json: { type: 'boolean', default: false },
		approval: { type: 'string', default: 'on' },
		'full-team': { type: 'boolean', default: false },
		org: { type: 'string' },
		'base-url': { type: 'string', default: process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}` }
	}
});

/** The deployment's organisation, made on first use so a script can start from an empty store. */
async function org(db: Db): Promise<string> {
	return (await theOrg(db))?.id ?? db.tx(async (tx) => (await createOrg(tx, values.org ?? '未命名街道')).orgId);
}

function out(data: unknown, text: string): void {
	if (values.json) process.stdout.write(JSON.stringify(data) + '\n');
	else process.stdout.write(text + '\n');
}

const enrolLink = (code: string) => `${values['base-url']}/enrol?code=${code}`;

async function run(db: Db, [area, verb, ...rest]: string[]): Promise<void> {
	if (area === 'team' && verb === 'create' && rest[0]) {
		const orgId = await org(db);
		const team = await db.tx((tx) =>
			createCommunity(tx, orgId, rest.join(' '), { approval: values.approval !== 'off' })
		);
		return out(
			team,
			`${team.name} (${team.teamId})\n  volunteer code: ${team.volunteerCode}\n  lead code:      ${team.leadCode}`
		);
	}
	if (area === 'team' && verb === 'list') {
		const teams = await db.all<{ id: string; name: string; closed_at: string | null }>(
			"SELECT id, name, closed_at FROM teams WHERE kind = 'community' ORDER BY created_at, id"
		);
		const rows = [];
		for (const t of teams)
			rows.push({ teamId: t.id, name: t.name, closedAt: t.closed_at, ...(await teamInvites(db, t.id)) });
		return out(
			{ teams: rows },
			rows.map((r) => `${r.teamId}\t${r.name}\t${r.volunteer?.code ?? '-'}\t${r.lead?.code ?? '-'}`).join('\n')
		);
	}
	if (area === 'team' && verb === 'invites' && rest[0]) {
		const inv = await teamInvites(db, rest[0]);
		if (!inv.volunteer && !inv.lead) throw new HttpError(404, `team: no open invitations for ${rest[0]}`);
		const links = {
			volunteer: inv.volunteer && enrolLink(inv.volunteer.code),
			lead: inv.lead && enrolLink(inv.lead.code)
		};
		return out(
			{ teamId: rest[0], ...inv, links },
			`volunteer: ${inv.volunteer?.code} ${links.volunteer}\nlead:      ${inv.lead?.code} ${links.lead}`
		);
	}
	if (area === 'team' && verb === 'rotate' && rest[0] && (rest[1] === 'volunteer' || rest[1] === 'lead')) {
		const role = rest[1];
		if (!(await db.get("SELECT 1 AS ok FROM teams WHERE id = ? AND kind = 'community'", [rest[0]]))) {
			throw new HttpError(404, `team: no community ${rest[0]}`);
		}
		const invite = await db.tx((tx) => rotateInvite(tx, rest[0], role));
		return out({ teamId: rest[0], invite }, `new ${role} code: ${invite.code}`);
	}
	if (area === 'devices') {
		const devices = await db.all<Record<string, unknown>>(
			`SELECT d.id, d.team_id AS "teamId", d.volunteer, d.role, d.status, d.created_at AS "createdAt",
			 d.last_sync_at AS "lastSyncAt", d.last_pending AS "lastPending", d.revoked_at AS "revokedAt"
			 FROM devices d ${verb ? 'WHERE d.team_id = ?' : ''} ORDER BY d.created_at, d.id`,
			verb ? [verb] : []
		);
		return out(
			{ devices },
			devices
				.map((d) => `${d.id}\t${d.teamId}\t${d.volunteer}\t${d.role}\t${d.status}${d.revokedAt ? '\trevoked' : ''}`)
				.join('\n')
		);
	}
	if (area === 'demo') {
		const orgId = await org(db);
		const team = await db.tx((tx) => loadDemo(tx, orgId));
		await setTeamSettings(db, team.teamId, {
			approval: values.approval !== 'off',
			fullWhenUnassigned: values['full-team']
		});
		team.approval = values.approval !== 'off';
		return out(
			team,
			`demo community loaded\n  volunteer code: ${team.volunteerCode}\n  lead code:      ${team.leadCode}`
		);
	}
	if (area === 'setup-link') {
		const token = await issueSetupToken(db);
		if (!token) throw new HttpError(409, 'setup: an administrator exists already; ask them for an admin invitation');
		const link = `${values['base-url']}/setup#${token}`;
		return out({ setupLink: link }, link);
	}
	if (area === 'admin-invite') {
		const orgId = await org(db);
		const invite = await db.tx(async (tx) =>
			createInvite(tx, await officeTeam(tx, orgId), 'admin', new Date(Date.now() + 24 * 3600_000).toISOString())
		);
		return out({ invite, link: enrolLink(invite.code) }, `administrator code (single use, 24 h): ${invite.code}`);
	}
	throw new HttpError(400, USAGE);
}

const db = await openDb();
try {
	await adoptLegacyTeams(db);
	await run(db, positionals);
} catch (err) {
	process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
	process.exitCode = err instanceof HttpError && err.status === 400 ? 2 : 1;
} finally {
	await db.close();
}
