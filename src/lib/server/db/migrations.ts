import { backfillHolders } from '../needs/holders-backfill';
import type { Db } from './types';

/**
 * A step that needs the server's own logic (a fold) rather than SQL; it runs inside its step's
 * transaction, on both stores. It reads the tables as today's code knows them: a later step that
 * changes a table it reads must keep it working on a store that has not run it yet.
 */
export interface CodeStep {
	/** What the step does; specs find it by a word of this (stepIndex). */
	about: string;
	run(tx: Db): Promise<void>;
}

/**
 * The tables a push (and the imports that push as a lead's device: care roster, foreign door)
 * writes a row into for an event, and the tables their references name. On PostgreSQL each
 * checked reference is a trigger that looks up, and locks FOR KEY SHARE, the row it names: in
 * 2026-12's `EXPLAIN ANALYZE` of a 500-event push, 19.5 of the events INSERT's 30 ms. The push
 * already refuses, under the team's lock, any event whose household or device is not the team's
 * (push.ts, householdOf and judge), team and device come from the authenticated device, and no
 * team, device or household is ever deleted: the references were a second guard bought at two
 * thirds of the write. SQLite keeps them: dropping one there means rebuilding the table (a copy
 * of every row of a big store), and its checks are a lookup in process (docs/scaling.md).
 */
const PUSH_TABLES = [
	'events',
	'orders',
	'quarantine',
	'care_events',
	'care_people',
	'care_pair_changes',
	'needs',
	'need_holders',
	'need_hold_changes'
];
const REFERENCED = ['teams', 'devices', 'households'];

async function dropPushReferences(tx: Db): Promise<void> {
	if (tx.dialect !== 'postgres') return;
	const list = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
	const found = await tx.all<{ tbl: string; name: string }>(
		`SELECT t.relname AS tbl, c.conname AS name
		 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
		 JOIN pg_namespace n ON n.oid = t.relnamespace
		 WHERE c.contype = 'f' AND n.nspname = current_schema()
		   AND t.relname IN (${list(PUSH_TABLES)}) AND f.relname IN (${list(REFERENCED)})
		 ORDER BY t.relname, c.conname`
	);
	for (const c of found) await tx.run(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
}

/** A step: statements separated by `;`, or code. */
export type MigrationStep = string | CodeStep;

/**
 * Schema steps, in order, written in the SQL both SQLite and PostgreSQL accept, or in code.
 * Never edit a step that has shipped: add the next one.
 */
export const MIGRATIONS: MigrationStep[] = [
	`CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
	INSERT INTO counters (name, value) VALUES ('seq', 0);
	CREATE TABLE teams (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		enrol_code TEXT NOT NULL UNIQUE,
		lead_code TEXT NOT NULL UNIQUE,
		created_at TEXT NOT NULL
	);
	CREATE TABLE devices (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		volunteer TEXT NOT NULL,
		role TEXT NOT NULL,
		token_hash TEXT NOT NULL UNIQUE,
		created_at TEXT NOT NULL,
		revoked_at TEXT,
		last_sync_at TEXT,
		last_pending INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE households (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		building TEXT NOT NULL,
		unit TEXT NOT NULL,
		floor INTEGER NOT NULL,
		room TEXT NOT NULL,
		head TEXT NOT NULL,
		phone TEXT NOT NULL,
		residents INTEGER NOT NULL,
		tags TEXT NOT NULL,
		note TEXT NOT NULL,
		seq BIGINT NOT NULL,
		UNIQUE (team_id, building, unit, room)
	);
	CREATE INDEX households_seq ON households (team_id, seq);
	CREATE TABLE rounds (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		date TEXT NOT NULL,
		kind TEXT NOT NULL,
		active INTEGER NOT NULL,
		seq BIGINT NOT NULL
	);
	CREATE INDEX rounds_seq ON rounds (team_id, seq);
	CREATE TABLE orders (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL REFERENCES households(id),
		items TEXT NOT NULL,
		urgency TEXT NOT NULL,
		note TEXT NOT NULL,
		purchase INTEGER NOT NULL,
		seq BIGINT NOT NULL
	);
	CREATE INDEX orders_seq ON orders (team_id, seq);
	CREATE TABLE assignments (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL REFERENCES devices(id),
		building TEXT NOT NULL,
		unit TEXT,
		seq BIGINT NOT NULL
	);
	CREATE INDEX assignments_seq ON assignments (team_id, seq);
	CREATE TABLE events (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL REFERENCES devices(id),
		type TEXT NOT NULL,
		household_id TEXT NOT NULL REFERENCES households(id),
		body TEXT NOT NULL,
		received_at TEXT NOT NULL,
		seq BIGINT NOT NULL
	);
	CREATE INDEX events_seq ON events (team_id, seq);
	CREATE TABLE quarantine (
		event_id TEXT NOT NULL,
		device_id TEXT NOT NULL,
		reason TEXT NOT NULL,
		body TEXT NOT NULL,
		received_at TEXT NOT NULL
	);`,
	// Assignments keep a tombstone (removed_at, with a fresh seq) so a device sees its scope
	// change; 'horizon' is the lowest cursor still served (0: nothing has been compacted).
	`ALTER TABLE assignments ADD COLUMN removed_at TEXT;
	ALTER TABLE assignments ADD COLUMN created_at TEXT;
	CREATE INDEX assignments_device ON assignments (device_id, seq);
	INSERT INTO counters (name, value) VALUES ('horizon', 0)`,
	// A lead may hand out one floor of a unit, not only a building or a unit.
	`ALTER TABLE assignments ADD COLUMN floor INTEGER`,
	// Organisations (a street office) hold communities (teams) and an office team whose devices
	// are the administrators. Invitation codes move out of teams into their own table, so a
	// volunteer and a lead code can never collide and can be rotated or expired; the legacy
	// columns (NOT NULL UNIQUE, which SQLite cannot drop) get a value no code can match, so the
	// codes once printed in the README stop working on upgrade. Devices wait for approval;
	// events keep the enrolled volunteer's name as the server knows it.
	`CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
	ALTER TABLE teams ADD COLUMN org_id TEXT REFERENCES orgs(id);
	ALTER TABLE teams ADD COLUMN kind TEXT NOT NULL DEFAULT 'community';
	ALTER TABLE teams ADD COLUMN closed_at TEXT;
	ALTER TABLE teams ADD COLUMN approval INTEGER NOT NULL DEFAULT 1;
	ALTER TABLE teams ADD COLUMN full_when_unassigned INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE teams ADD COLUMN settings_seq BIGINT NOT NULL DEFAULT 0;
	UPDATE teams SET enrol_code = 'legacy-v-' || id, lead_code = 'legacy-l-' || id;
	CREATE TABLE invites (
		code TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		role TEXT NOT NULL,
		created_at TEXT NOT NULL,
		expires_at TEXT,
		revoked_at TEXT
	);
	CREATE INDEX invites_team ON invites (team_id, role);
	ALTER TABLE devices ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
	ALTER TABLE devices ADD COLUMN approved_by TEXT;
	ALTER TABLE devices ADD COLUMN approved_at TEXT;
	ALTER TABLE devices ADD COLUMN clock_offset_ms BIGINT;
	CREATE TABLE setup_tokens (
		token_hash TEXT PRIMARY KEY,
		created_at TEXT NOT NULL,
		expires_at TEXT NOT NULL,
		used_at TEXT
	);
	ALTER TABLE events ADD COLUMN volunteer TEXT`,
	// Quarantine is capped per device (rows and bytes, oldest dropped first): rows get a
	// time-ordered id (UUIDv7; rows from before sort first) and their size. Rows kept from
	// before are measured in characters, close enough for a cap.
	`ALTER TABLE quarantine ADD COLUMN id TEXT;
	ALTER TABLE quarantine ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
	UPDATE quarantine SET id = '0-' || received_at, bytes = LENGTH(body) + LENGTH(reason) + LENGTH(event_id);
	CREATE INDEX quarantine_device ON quarantine (device_id, id)`,
	// The store's identity: a backup copy or a restore gets a new epoch, so a device whose
	// cursor came from another copy of the store notices (see pull). The value is set in code.
	`CREATE TABLE store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	// Where a household was before a roster import moved it (another floor): a device whose area
	// held the old place must drop its copy, so the move changes that device's scope version.
	`CREATE TABLE household_moves (
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL REFERENCES households(id),
		building TEXT NOT NULL,
		unit TEXT NOT NULL,
		floor INTEGER NOT NULL,
		seq BIGINT NOT NULL
	);
	CREATE INDEX household_moves_team ON household_moves (team_id, seq)`,
	// Teams never wait on each other: each has its own cursor counter (and horizon) instead of
	// the one deployment-wide row every write locked. A device belongs to one team, so starting
	// every team at the global value keeps every cursor valid; the global rows go.
	`CREATE TABLE team_counters (
		team_id TEXT PRIMARY KEY REFERENCES teams(id),
		seq BIGINT NOT NULL,
		horizon BIGINT NOT NULL DEFAULT 0
	);
	INSERT INTO team_counters (team_id, seq, horizon)
		SELECT id, COALESCE((SELECT value FROM counters WHERE name = 'seq'), 0), COALESCE((SELECT value FROM counters WHERE name = 'horizon'), 0) FROM teams;
	DELETE FROM counters WHERE name IN ('seq', 'horizon')`,
	// issue 11: the care ledger. Who each person is paired with, as the push folds it (the later
	// pair event wins, as on devices), so pull can send a person's events to the paired volunteer
	// wherever they live; which person each care event is about; and every change of a device's
	// pairs (both the old and the new device), which changes that device's scope version.
	`CREATE TABLE care_people (
		team_id TEXT NOT NULL REFERENCES teams(id),
		person_id TEXT NOT NULL,
		household_id TEXT NOT NULL REFERENCES households(id),
		paired_device_id TEXT,
		pair_t BIGINT NOT NULL DEFAULT 0,
		pair_event_id TEXT NOT NULL DEFAULT '',
		PRIMARY KEY (team_id, person_id)
	);
	CREATE INDEX care_people_paired ON care_people (team_id, paired_device_id);
	CREATE TABLE care_events (
		team_id TEXT NOT NULL REFERENCES teams(id),
		event_id TEXT NOT NULL,
		person_id TEXT NOT NULL,
		PRIMARY KEY (team_id, event_id)
	);
	CREATE INDEX care_events_person ON care_events (team_id, person_id);
	CREATE TABLE care_pair_changes (
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		person_id TEXT NOT NULL,
		seq BIGINT NOT NULL
	);
	CREATE INDEX care_pair_changes_device ON care_pair_changes (team_id, device_id, seq)`,
	// issue 10: the needs desk. One row per request (its events stay in `events`), so a push
	// finds a request's team and household at once; a request's events are found by household.
	`CREATE TABLE needs (
		id TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL REFERENCES households(id),
		kind TEXT NOT NULL,
		seq BIGINT NOT NULL
	);
	CREATE INDEX needs_team ON needs (team_id, household_id);
	CREATE INDEX events_household_type ON events (team_id, household_id, type)`,
	// issue 12: round kinds. A round carries its kind's definition (NULL for sampling, as every
	// round before); every version of a survey's form is kept, so each answer is judged against
	// the form it was given on.
	`ALTER TABLE rounds ADD COLUMN definition TEXT;
	CREATE TABLE round_versions (
		team_id TEXT NOT NULL REFERENCES teams(id),
		round_id TEXT NOT NULL REFERENCES rounds(id),
		version INTEGER NOT NULL,
		definition TEXT NOT NULL,
		PRIMARY KEY (team_id, round_id, version)
	)`,
	// issue 9: a device whose PIN is forgotten writes off its unsent records before it erases
	// itself: their ids (never their content), so the lead sees how many were lost and from where.
	`CREATE TABLE IF NOT EXISTS written_off (
		team_id TEXT NOT NULL REFERENCES teams(id),
		event_id TEXT NOT NULL,
		device_id TEXT NOT NULL REFERENCES devices(id),
		written_at TEXT NOT NULL,
		PRIMARY KEY (team_id, event_id)
	);
	CREATE INDEX IF NOT EXISTS written_off_device ON written_off (team_id, device_id)`,
	// issue 9: the lead sets the PIN's least length and the minutes before the app locks; a team
	// without a row has the defaults (6 digits, 5 minutes).
	`CREATE TABLE IF NOT EXISTS team_lock (
		team_id TEXT PRIMARY KEY REFERENCES teams(id),
		pin_length INTEGER NOT NULL,
		lock_minutes INTEGER NOT NULL
	)`,
	// issue 10: the resident page. The lead's switch per team; one random QR token per building
	// (the token alone names team and building, so the page asks for nothing else); and residents'
	// requests waiting in the lead's triage list until dispatched (as a request) or rejected.
	`CREATE TABLE resident_pages (
		team_id TEXT PRIMARY KEY REFERENCES teams(id),
		enabled INTEGER NOT NULL
	);
	CREATE TABLE resident_buildings (
		token TEXT PRIMARY KEY,
		team_id TEXT NOT NULL REFERENCES teams(id),
		building TEXT NOT NULL,
		UNIQUE (team_id, building)
	);
	CREATE TABLE resident_requests (
		id TEXT PRIMARY KEY,
		token TEXT NOT NULL REFERENCES resident_buildings(token),
		ref TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL REFERENCES households(id),
		kind TEXT NOT NULL,
		text TEXT NOT NULL,
		status TEXT NOT NULL,
		asked_at TEXT NOT NULL,
		decided_at TEXT,
		UNIQUE (token, ref)
	);
	CREATE INDEX resident_requests_triage ON resident_requests (team_id, status)`,
	// issue 10: each volunteer's skills, kept by the lead (a JSON list per device).
	`CREATE TABLE volunteer_skills (
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL REFERENCES devices(id),
		skills TEXT NOT NULL,
		PRIMARY KEY (team_id, device_id)
	)`,
	// issue 10: promised minutes per kind where the lead changed the default.
	`CREATE TABLE need_promises (
		team_id TEXT NOT NULL REFERENCES teams(id),
		kind TEXT NOT NULL,
		respond INTEGER NOT NULL,
		complete INTEGER NOT NULL,
		PRIMARY KEY (team_id, kind)
	)`,
	// issue 13: every key led by the team, the shape a database sharded by team (Citus: distribute
	// by team_id, co-located tables) needs. Each table holding a team's rows is rebuilt with its
	// primary and unique keys led by team_id and its references to another team table made
	// composite (team_id, id), then the old one is dropped and the new one takes its name: the one
	// recipe both stores accept (SQLite cannot swap a primary key). Every row is copied as it is,
	// seq included, so every device's cursor stays valid. Quarantine learns its device's team.
	// Tables without a team (orgs, teams, invites, setup_tokens, resident_buildings, store_meta,
	// counters) stay as they are: see docs/scaling.md, "Reference tables".
	`CREATE TABLE devices_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		volunteer TEXT NOT NULL,
		role TEXT NOT NULL,
		token_hash TEXT NOT NULL,
		created_at TEXT NOT NULL,
		revoked_at TEXT,
		last_sync_at TEXT,
		last_pending INTEGER NOT NULL DEFAULT 0,
		status TEXT NOT NULL DEFAULT 'active',
		approved_by TEXT,
		approved_at TEXT,
		clock_offset_ms BIGINT,
		PRIMARY KEY (team_id, id),
		UNIQUE (team_id, token_hash)
	);
	INSERT INTO devices_v13 (id, team_id, volunteer, role, token_hash, created_at, revoked_at, last_sync_at, last_pending, status, approved_by, approved_at, clock_offset_ms)
		SELECT id, team_id, volunteer, role, token_hash, created_at, revoked_at, last_sync_at, last_pending, status, approved_by, approved_at, clock_offset_ms FROM devices;
	CREATE TABLE households_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		building TEXT NOT NULL,
		unit TEXT NOT NULL,
		floor INTEGER NOT NULL,
		room TEXT NOT NULL,
		head TEXT NOT NULL,
		phone TEXT NOT NULL,
		residents INTEGER NOT NULL,
		tags TEXT NOT NULL,
		note TEXT NOT NULL,
		seq BIGINT NOT NULL,
		PRIMARY KEY (team_id, id),
		UNIQUE (team_id, building, unit, room)
	);
	INSERT INTO households_v13 (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
		SELECT id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq FROM households;
	CREATE TABLE rounds_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		date TEXT NOT NULL,
		kind TEXT NOT NULL,
		active INTEGER NOT NULL,
		seq BIGINT NOT NULL,
		definition TEXT,
		PRIMARY KEY (team_id, id)
	);
	INSERT INTO rounds_v13 (id, team_id, date, kind, active, seq, definition)
		SELECT id, team_id, date, kind, active, seq, definition FROM rounds;
	CREATE TABLE orders_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL,
		items TEXT NOT NULL,
		urgency TEXT NOT NULL,
		note TEXT NOT NULL,
		purchase INTEGER NOT NULL,
		seq BIGINT NOT NULL,
		PRIMARY KEY (team_id, id),
		FOREIGN KEY (team_id, household_id) REFERENCES households_v13(team_id, id)
	);
	INSERT INTO orders_v13 (id, team_id, household_id, items, urgency, note, purchase, seq)
		SELECT id, team_id, household_id, items, urgency, note, purchase, seq FROM orders;
	CREATE TABLE assignments_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		building TEXT NOT NULL,
		unit TEXT,
		seq BIGINT NOT NULL,
		removed_at TEXT,
		created_at TEXT,
		floor INTEGER,
		PRIMARY KEY (team_id, id),
		FOREIGN KEY (team_id, device_id) REFERENCES devices_v13(team_id, id)
	);
	INSERT INTO assignments_v13 (id, team_id, device_id, building, unit, seq, removed_at, created_at, floor)
		SELECT id, team_id, device_id, building, unit, seq, removed_at, created_at, floor FROM assignments;
	CREATE TABLE events_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		type TEXT NOT NULL,
		household_id TEXT NOT NULL,
		body TEXT NOT NULL,
		received_at TEXT NOT NULL,
		seq BIGINT NOT NULL,
		volunteer TEXT,
		PRIMARY KEY (team_id, id),
		FOREIGN KEY (team_id, device_id) REFERENCES devices_v13(team_id, id),
		FOREIGN KEY (team_id, household_id) REFERENCES households_v13(team_id, id)
	);
	INSERT INTO events_v13 (id, team_id, device_id, type, household_id, body, received_at, seq, volunteer)
		SELECT id, team_id, device_id, type, household_id, body, received_at, seq, volunteer FROM events;
	CREATE TABLE quarantine_v13 (
		team_id TEXT NOT NULL REFERENCES teams(id),
		id TEXT,
		event_id TEXT NOT NULL,
		device_id TEXT NOT NULL,
		reason TEXT NOT NULL,
		body TEXT NOT NULL,
		bytes INTEGER NOT NULL DEFAULT 0,
		received_at TEXT NOT NULL
	);
	INSERT INTO quarantine_v13 (team_id, id, event_id, device_id, reason, body, bytes, received_at)
		SELECT d.team_id, q.id, q.event_id, q.device_id, q.reason, q.body, q.bytes, q.received_at FROM quarantine q JOIN devices d ON d.id = q.device_id;
	CREATE TABLE household_moves_v13 (
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL,
		building TEXT NOT NULL,
		unit TEXT NOT NULL,
		floor INTEGER NOT NULL,
		seq BIGINT NOT NULL,
		FOREIGN KEY (team_id, household_id) REFERENCES households_v13(team_id, id)
	);
	INSERT INTO household_moves_v13 (team_id, household_id, building, unit, floor, seq)
		SELECT team_id, household_id, building, unit, floor, seq FROM household_moves;
	CREATE TABLE care_people_v13 (
		team_id TEXT NOT NULL REFERENCES teams(id),
		person_id TEXT NOT NULL,
		household_id TEXT NOT NULL,
		paired_device_id TEXT,
		pair_t BIGINT NOT NULL DEFAULT 0,
		pair_event_id TEXT NOT NULL DEFAULT '',
		PRIMARY KEY (team_id, person_id),
		FOREIGN KEY (team_id, household_id) REFERENCES households_v13(team_id, id)
	);
	INSERT INTO care_people_v13 (team_id, person_id, household_id, paired_device_id, pair_t, pair_event_id)
		SELECT team_id, person_id, household_id, paired_device_id, pair_t, pair_event_id FROM care_people;
	CREATE TABLE needs_v13 (
		id TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		seq BIGINT NOT NULL,
		PRIMARY KEY (team_id, id),
		FOREIGN KEY (team_id, household_id) REFERENCES households_v13(team_id, id)
	);
	INSERT INTO needs_v13 (id, team_id, household_id, kind, seq) SELECT id, team_id, household_id, kind, seq FROM needs;
	CREATE TABLE round_versions_v13 (
		team_id TEXT NOT NULL REFERENCES teams(id),
		round_id TEXT NOT NULL,
		version INTEGER NOT NULL,
		definition TEXT NOT NULL,
		PRIMARY KEY (team_id, round_id, version),
		FOREIGN KEY (team_id, round_id) REFERENCES rounds_v13(team_id, id)
	);
	INSERT INTO round_versions_v13 (team_id, round_id, version, definition)
		SELECT team_id, round_id, version, definition FROM round_versions;
	CREATE TABLE written_off_v13 (
		team_id TEXT NOT NULL REFERENCES teams(id),
		event_id TEXT NOT NULL,
		device_id TEXT NOT NULL,
		written_at TEXT NOT NULL,
		PRIMARY KEY (team_id, event_id),
		FOREIGN KEY (team_id, device_id) REFERENCES devices_v13(team_id, id)
	);
	INSERT INTO written_off_v13 (team_id, event_id, device_id, written_at)
		SELECT team_id, event_id, device_id, written_at FROM written_off;
	CREATE TABLE resident_requests_v13 (
		id TEXT NOT NULL,
		token TEXT NOT NULL REFERENCES resident_buildings(token),
		ref TEXT NOT NULL,
		team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		text TEXT NOT NULL,
		status TEXT NOT NULL,
		asked_at TEXT NOT NULL,
		decided_at TEXT,
		PRIMARY KEY (team_id, id),
		UNIQUE (team_id, token, ref),
		FOREIGN KEY (team_id, household_id) REFERENCES households_v13(team_id, id)
	);
	INSERT INTO resident_requests_v13 (id, token, ref, team_id, household_id, kind, text, status, asked_at, decided_at)
		SELECT id, token, ref, team_id, household_id, kind, text, status, asked_at, decided_at FROM resident_requests;
	CREATE TABLE volunteer_skills_v13 (
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		skills TEXT NOT NULL,
		PRIMARY KEY (team_id, device_id),
		FOREIGN KEY (team_id, device_id) REFERENCES devices_v13(team_id, id)
	);
	INSERT INTO volunteer_skills_v13 (team_id, device_id, skills) SELECT team_id, device_id, skills FROM volunteer_skills;
	DROP TABLE volunteer_skills;
	DROP TABLE resident_requests;
	DROP TABLE written_off;
	DROP TABLE round_versions;
	DROP TABLE needs;
	DROP TABLE care_people;
	DROP TABLE household_moves;
	DROP TABLE quarantine;
	DROP TABLE events;
	DROP TABLE assignments;
	DROP TABLE orders;
	DROP TABLE rounds;
	DROP TABLE households;
	DROP TABLE devices;
	ALTER TABLE devices_v13 RENAME TO devices;
	ALTER TABLE households_v13 RENAME TO households;
	ALTER TABLE rounds_v13 RENAME TO rounds;
	ALTER TABLE orders_v13 RENAME TO orders;
	ALTER TABLE assignments_v13 RENAME TO assignments;
	ALTER TABLE events_v13 RENAME TO events;
	ALTER TABLE quarantine_v13 RENAME TO quarantine;
	ALTER TABLE household_moves_v13 RENAME TO household_moves;
	ALTER TABLE care_people_v13 RENAME TO care_people;
	ALTER TABLE needs_v13 RENAME TO needs;
	ALTER TABLE round_versions_v13 RENAME TO round_versions;
	ALTER TABLE written_off_v13 RENAME TO written_off;
	ALTER TABLE resident_requests_v13 RENAME TO resident_requests;
	ALTER TABLE volunteer_skills_v13 RENAME TO volunteer_skills;
	CREATE INDEX devices_token ON devices (token_hash);
	CREATE INDEX households_seq ON households (team_id, seq);
	CREATE INDEX rounds_seq ON rounds (team_id, seq);
	CREATE INDEX orders_seq ON orders (team_id, seq);
	CREATE INDEX assignments_seq ON assignments (team_id, seq);
	CREATE INDEX assignments_device ON assignments (team_id, device_id, seq);
	CREATE INDEX events_seq ON events (team_id, seq);
	CREATE INDEX events_household_type ON events (team_id, household_id, type);
	CREATE INDEX quarantine_device ON quarantine (team_id, device_id, id);
	CREATE INDEX household_moves_team ON household_moves (team_id, seq);
	CREATE INDEX care_people_paired ON care_people (team_id, paired_device_id);
	CREATE INDEX needs_team ON needs (team_id, household_id);
	CREATE INDEX written_off_device ON written_off (team_id, device_id);
	CREATE INDEX resident_requests_triage ON resident_requests (team_id, status)`,
	// issue 9 (session 4): a forgotten PIN asks the lead to approve the loss of the unsent records
	// (their ids are in written_off); they count as lost only once the lead approves. Notices
	// written off before this step were the volunteer's own decision: they stay approved.
	`CREATE TABLE write_off_requests (
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		status TEXT NOT NULL,
		asked_at TEXT NOT NULL,
		decided_at TEXT,
		decided_by TEXT,
		PRIMARY KEY (team_id, device_id),
		FOREIGN KEY (team_id, device_id) REFERENCES devices(team_id, id)
	);
	INSERT INTO write_off_requests (team_id, device_id, status, asked_at, decided_at)
		SELECT team_id, device_id, 'approved', MIN(written_at), MIN(written_at) FROM written_off GROUP BY team_id, device_id`,
	// issue 10: the desk role — volunteers' devices the lead marked to take requests at the desk.
	`CREATE TABLE desk_devices (
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		granted_at TEXT NOT NULL,
		PRIMARY KEY (team_id, device_id),
		FOREIGN KEY (team_id, device_id) REFERENCES devices(team_id, id)
	)`,
	// photos (issues 10, 12): a need's receipt or a parcel left at a door, one JPEG per id, kept
	// per team with the device that sent it; the id is named by the event that refers to it.
	`CREATE TABLE photos (
		team_id TEXT NOT NULL REFERENCES teams(id),
		id TEXT NOT NULL,
		bytes BYTEA NOT NULL,
		sha256 TEXT NOT NULL,
		size INTEGER NOT NULL,
		device_id TEXT NOT NULL,
		uploaded_at TEXT NOT NULL,
		PRIMARY KEY (team_id, id)
	)`,
	// issue 10 (session 4): escalated requests the street office passed to another community of the
	// organisation. An organisation-level table, keyed by org_id (it joins two teams); each request
	// is passed at most once (need ids are unique within a team). state: passed → taken → done | not_done (the receiving lead's word).
	`CREATE TABLE need_transfers (
		org_id TEXT NOT NULL REFERENCES orgs(id),
		need_id TEXT NOT NULL,
		from_team_id TEXT NOT NULL REFERENCES teams(id),
		to_team_id TEXT NOT NULL REFERENCES teams(id),
		household_id TEXT NOT NULL,
		passed_at TEXT NOT NULL,
		passed_by TEXT NOT NULL,
		state TEXT NOT NULL,
		stated_at TEXT NOT NULL,
		PRIMARY KEY (org_id, from_team_id, need_id)
	);
	CREATE INDEX need_transfers_to ON need_transfers (org_id, to_team_id);
	CREATE INDEX need_transfers_from ON need_transfers (org_id, from_team_id)`,
	// issue 10 (session 4): who holds each request now (by the server's fold), so the holder gets
	// the household's name and phone even outside their area; and when a holder outside their
	// area gained or lost one, so its device rebuilds its copy (see needs/holders.ts).
	`CREATE TABLE need_holders (
		team_id TEXT NOT NULL REFERENCES teams(id),
		need_id TEXT NOT NULL,
		household_id TEXT NOT NULL,
		device_id TEXT,
		PRIMARY KEY (team_id, need_id)
	);
	CREATE INDEX need_holders_device ON need_holders (team_id, device_id);
	CREATE TABLE need_hold_changes (
		team_id TEXT NOT NULL REFERENCES teams(id),
		device_id TEXT NOT NULL,
		need_id TEXT NOT NULL,
		seq BIGINT NOT NULL,
		PRIMARY KEY (team_id, device_id, need_id, seq)
	)`,
	// issue 10 (session 4): a resident's own rating of a request they asked through the resident
	// page, once, after it is done (needs/resident-rating.ts).
	`CREATE TABLE resident_ratings (
		team_id TEXT NOT NULL REFERENCES teams(id),
		request_id TEXT NOT NULL,
		rating TEXT NOT NULL,
		words TEXT NOT NULL,
		rated_at TEXT NOT NULL,
		PRIMARY KEY (team_id, request_id)
	)`,
	// issue 10 (session 7): need_holders was created empty, so a request held before it (or not
	// touched since) gave its holder outside the area no name or phone. Every request's holder,
	// by the push's own fold, and a hold change (at a new cursor value) for those outside their
	// area, so their device rebuilds its copy.
	{ about: 'backfill need_holders and need_hold_changes from every stored request', run: backfillHolders },
	// issue 10 (session 8): a request the office passed on becomes one of the receiving team's
	// requests. Its door is a household row of that team marked foreign (foreign_of: the sending
	// community), holding the door and the head's phone only; it never counts in the team's roster
	// (needs/foreign-door.ts). The transfer names the receiving team's request, whose done or
	// not done the transfer follows.
	`ALTER TABLE households ADD COLUMN foreign_of TEXT;
	ALTER TABLE need_transfers ADD COLUMN door_need_id TEXT`,
	// issue 13 (session 9): on PostgreSQL, the tables a push writes row by row for its events lose
	// their references to teams, devices and households (see dropPushReferences).
	{ about: 'PostgreSQL: drop the references of the tables a push writes per event', run: dropPushReferences },
	// issue 13 (session 15): the events' index by household holds only the needs desk's events.
	// Only the desk's queries find events by household (needs/types-sql.ts); a visit, a hand-over
	// or a care entry never is, yet each one's row went into this index at a random place (it is
	// ordered by household), so a push of 500 visits dirtied a few hundred of its pages, each one
	// written and synced at COMMIT: on SQLite the end-of-shift burst took 20.3 s with it and 11.7 s
	// without (docs/benchmarks.md, session 15). The list is written out, not built from
	// NEED_EVENT_TYPES, because a shipped step never changes: a new need type needs a new step
	// (need-index.spec.ts fails until it has one).
	`DROP INDEX events_household_type;
	CREATE INDEX events_need_household ON events (team_id, household_id, type)
		WHERE type IN ('need_created', 'need_dispatched', 'need_claimed', 'need_on_the_way', 'need_done', 'need_not_done', 'need_cancelled', 'need_escalated')`
];
