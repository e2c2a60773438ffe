import type { Household } from '$lib/domain/schemas';
import { uuidv7 } from 'uuidv7';
import type { Db } from './db';
import { HttpError } from './errors';
import { nextSeq } from './seq';
import { createCommunity, type CreatedTeam } from './org/teams';

/** The demo community's id and name. Its codes are drawn at random when it is loaded. */
export const DEMO_TEAM = {
	id: 'demo-team',
	name: '新房子社区 · 演示队'
} as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'.split('');
const TAGS = [[], [], [], [], ['独居老人'], ['行动不便'], ['孕妇'], ['空巢老人', '慢性病'], ['婴幼儿'], ['居家隔离']];

/** A small deterministic pseudo-random sequence, so every fresh demo looks the same. */
function* numbers(seed: number): Generator<number, never> {
	let x = seed;
	for (;;) {
		x = (x * 1103515245 + 12345) % 2147483648;
		yield x;
	}
}

/** A demo household: the domain's own shape. */
export type DemoHousehold = Household;

/** A community shaped like the sample roster: buildings × 2 units × 6 floors × 2 rooms. */
export function demoHouseholds(buildings = 3, units = 2, floors = 6, rooms = 2): DemoHousehold[] {
	const rnd = numbers(42);
	const next = (n: number) => rnd.next().value % n;
	const out: DemoHousehold[] = [];
	for (let b = 1; b <= buildings; b++)
		for (let u = 1; u <= units; u++)
			for (let f = 1; f <= floors; f++)
				for (let r = 1; r <= rooms; r++) {
					const room = `${f}${String(r).padStart(2, '0')}`;
					const tags = TAGS[next(TAGS.length)];
					out.push({
						id: `demo-${b}-${u}-${room}`,
						building: String(b),
						unit: String(u),
						floor: f,
						room,
						head: SURNAMES[next(SURNAMES.length)] + GIVEN[next(GIVEN.length)],
						phone: `100${String(out.length + 1).padStart(8, '0')}`,
						residents: tags.includes('独居老人') ? 1 : 1 + next(5),
						tags,
						note: tags.includes('行动不便') ? '需上门' : ''
					});
				}
	return out;
}

const DEMO_ORDERS = [
	{ room: 'demo-1-1-402', items: ['降压药 (硝苯地平)'], urgency: 'medicine', note: '老人每天要吃', purchase: 1 },
	{ room: 'demo-1-2-201', items: ['婴儿奶粉 1段 ×2'], urgency: 'infant', note: '', purchase: 1 },
	{ room: 'demo-2-1-102', items: ['桶装水 ×2'], urgency: 'normal', note: '放门口', purchase: 0 },
	{ room: 'demo-2-2-501', items: ['蔬菜包', '鸡蛋 ×30'], urgency: 'normal', note: '', purchase: 0 },
	{ room: 'demo-3-1-301', items: ['胰岛素'], urgency: 'medicine', note: '冷藏', purchase: 1 }
] as const;

/** DEMO_SIZE=buildings,units,floors,rooms loads a larger demo (benchmarks use 17,2,18,4). */
export function demoSize(value = process.env.DEMO_SIZE ?? ''): [number, number, number, number] | [] {
	const parts = value.split(',').map(Number);
	return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n > 0)
		? (parts as [number, number, number, number])
		: [];
}

/**
 * Loads the demo community into an organisation, inside the caller's transaction: households
 * shaped like the sample roster, today's sampling round, a few delivery orders, and fresh random
 * invitation codes. Household ids are fixed ("demo-1-1-101"), so there is one demo per store.
 */
export async function loadDemo(
	tx: Db,
	orgId: string,
	today = new Date(),
	households: DemoHousehold[] = demoHouseholds(...demoSize())
): Promise<CreatedTeam> {
	if (await tx.get('SELECT 1 AS ok FROM teams WHERE id = ?', [DEMO_TEAM.id])) {
		throw new HttpError(409, 'demo: the demo community is already loaded');
	}
	let seq = await nextSeq(tx, households.length + DEMO_ORDERS.length + 1);
	const team = await createCommunity(tx, orgId, DEMO_TEAM.name, { id: DEMO_TEAM.id, now: today });
	for (const h of households) {
		await tx.run(
			`INSERT INTO households (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				h.id,
				DEMO_TEAM.id,
				h.building,
				h.unit,
				h.floor,
				h.room,
				h.head,
				h.phone,
				h.residents,
				JSON.stringify(h.tags),
				h.note,
				seq++
			]
		);
	}
	await tx.run('INSERT INTO rounds (id, team_id, date, kind, active, seq) VALUES (?, ?, ?, ?, 1, ?)', [
		uuidv7(),
		DEMO_TEAM.id,
		today.toISOString().slice(0, 10),
		'sampling',
		seq++
	]);
	for (const o of DEMO_ORDERS) {
		await tx.run(
			`INSERT INTO orders (id, team_id, household_id, items, urgency, note, purchase, seq)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[uuidv7(), DEMO_TEAM.id, o.room, JSON.stringify(o.items), o.urgency, o.note, o.purchase, seq++]
		);
	}
	return team;
}
