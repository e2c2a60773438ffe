import { describe, expect, it } from 'vitest';
import type { OutgoingNeed } from './transfer-api';
import { keptTransfers, passedOnFresh, passedOnKept } from './transfer-kept';

const out = (needId: string, state: OutgoingNeed['state'], name = '乙社区'): OutgoingNeed => ({
	needId,
	to: { id: 'team-b', name },
	at: '2026-12-01T08:00:00.000Z',
	state
});

describe('what the lead’s device keeps of passed-on requests', () => {
	it('keeps the id, the receiving community’s name, the state and when it was seen — nothing else', () => {
		const seen = '2026-12-01T09:30:00.000Z';
		expect(keptTransfers([out('n1', 'taken'), out('n2', 'done', '中心志愿队')], seen)).toEqual([
			{ needId: 'n1', to: '乙社区', state: 'taken', seenAt: seen },
			{ needId: 'n2', to: '中心志愿队', state: 'done', seenAt: seen }
		]);
	});

	it('reads back as the board shows a fresh answer, saying from when', () => {
		const outgoing = [out('n1', 'passed'), out('n2', 'not_done')];
		const kept = passedOnKept(keptTransfers(outgoing, '2026-12-01T09:30:00.000Z'));
		expect(kept.rows).toEqual(passedOnFresh(outgoing).rows);
		expect(kept.keptAt).toBe('2026-12-01T09:30:00.000Z');
		expect(passedOnFresh(outgoing).keptAt).toBeNull();
	});

	it('dates a mixed kept copy by its oldest row, and an empty one by nothing', () => {
		const rows = [
			...keptTransfers([out('n1', 'passed')], '2026-12-01T10:00:00.000Z'),
			...keptTransfers([out('n2', 'passed')], '2026-12-01T07:00:00.000Z')
		];
		expect(passedOnKept(rows).keptAt).toBe('2026-12-01T07:00:00.000Z');
		expect(passedOnKept([])).toEqual({ rows: [], keptAt: null });
	});
});
