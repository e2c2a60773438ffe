import { describe, expect, it } from 'vitest';
import type { Param } from './db';
import { insertRows } from './push';
import { demoTeam } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

// Values a push's rows can carry that a store's way of reading a batch could bend: quotes,
// backslashes, braces and commas (an array literal's own syntax), the word NULL as text, an
// empty string, characters outside ASCII, a null, and a counter past 32 bits.
const AWKWARD = [
	'{"note":"say \\"hi\\", then {go}","path":"C:\\\\x","t":"NULL"}',
	'NULL',
	'',
	'志愿者 «ü» 😀',
	'a,b}{c'
];

describe.each(STORES)('insertRows on $name', (kind) => {
	const db = freshStore(kind);

	it('stores every value as sent: text, nulls and big counters', async () => {
		const { volunteer } = await demoTeam(db());
		const household = (await db().get<{ id: string }>('SELECT id FROM households LIMIT 1'))!.id;
		const rows: Param[][] = AWKWARD.map((text, i) => [
			`ev-${i}`,
			volunteer.teamId,
			volunteer.deviceId,
			'visit',
			household,
			text,
			'2026-12-03T06:00:00.000Z',
			2 ** 53 - 1 - i,
			i % 2 ? null : text
		]);
		await db().tx((tx) =>
			insertRows(tx, 'events (id, team_id, device_id, type, household_id, body, received_at, seq, volunteer)', 9, rows)
		);
		const stored = await db().all<Record<string, Param>>(
			'SELECT id, team_id, device_id, type, household_id, body, received_at, seq, volunteer FROM events ORDER BY id'
		);
		expect(stored.map((r) => Object.values(r))).toEqual(rows);
	});

	it('stores an integer column and a null in a nullable key column (quarantine)', async () => {
		const { volunteer } = await demoTeam(db());
		const rows: Param[][] = [
			[volunteer.teamId, null, 'q-1', volunteer.deviceId, AWKWARD[0], AWKWARD[3], 2 ** 31 - 1, 't1'],
			[volunteer.teamId, '7-x', 'q-2', volunteer.deviceId, '', AWKWARD[4], 0, 't2']
		];
		await db().tx((tx) =>
			insertRows(tx, 'quarantine (team_id, id, event_id, device_id, reason, body, bytes, received_at)', 8, rows)
		);
		const stored = await db().all<Record<string, Param>>(
			'SELECT team_id, id, event_id, device_id, reason, body, bytes, received_at FROM quarantine ORDER BY event_id'
		);
		expect(stored.map((r) => Object.values(r))).toEqual(rows);
	});
});
