import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every statement the server runs on a team's tables names team_id, so a database sharded by
 * team routes it to one node (docs/scaling.md). Read from the source: each SQL string literal
 * that names a table distributed by team must mention team_id. A statement whose WHERE clause or
 * column list is assembled elsewhere (pull's scopes, which all start from `team_id = ?`; the
 * household columns, which start with team_id) is judged by those parts, which are literals
 * here too. The few that cannot know the team yet are listed with the reason.
 */
const DISTRIBUTED =
	/\b(FROM|JOIN|INTO|UPDATE)\s+(devices|households|rounds|orders|assignments|events|quarantine|household_moves|care_people|care_events|care_pair_changes|needs|need_holders|need_hold_changes|resident_ratings|round_versions|written_off|resident_requests|volunteer_skills|team_lock|resident_pages|need_promises|team_counters)\b/;

const ASSEMBLED = /WHERE \(?\$\{|INTO \w+ \(\$\{/;

const WITHOUT_TEAM = new Map([
	// The bearer token is all a request carries: finding its device is what tells the team.
	['auth.ts', 'FROM devices d JOIN teams t ON t.id = d.team_id WHERE d.token_hash = ?'],
	// First-run setup: is there any administrator at all, in any team (once per deployment).
	['org/setup.ts', "FROM devices WHERE role = 'admin'"]
]);

const SERVER = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const path = join(dir, d.name);
		if (d.isDirectory()) return d.name === 'testing' ? [] : sources(path);
		return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') && d.name !== 'migrations.ts' ? [path] : [];
	});
}

describe('queries on team tables', () => {
	it('each name team_id, but for the listed look-ups that find the team', () => {
		const missing: string[] = [];
		for (const file of sources(SERVER)) {
			const name = relative(SERVER, file);
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g)) {
				const sql = m[0].replace(/\s+/g, ' ');
				if (!DISTRIBUTED.test(sql) || sql.includes('team_id') || ASSEMBLED.test(sql)) continue;
				const allowed = WITHOUT_TEAM.get(name);
				if (allowed && sql.includes(allowed)) continue;
				missing.push(`${name}: ${sql.slice(0, 120)}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
