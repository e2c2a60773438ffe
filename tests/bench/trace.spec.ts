import { describe, expect, it } from 'vitest';
import { tallyTrace } from '../../bench/field/trace.js';

// A trace's clock in µs; the page's in ms. The commit mark at trace 10,000 µs is page 4 ms, so
// page time = trace µs / 1000 − 6.
const meta = [
	{ ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'Renderer' } },
	{ ph: 'M', name: 'thread_name', pid: 1, tid: 7, args: { name: 'CrRendererMain' } },
	{ ph: 'M', name: 'thread_name', pid: 1, tid: 8, args: { name: 'Compositor' } }
];
const mark = { ph: 'R', name: 'doorstep:committed', cat: 'blink.user_timing', pid: 1, tid: 7, ts: 10_000 };
const span = (name: string, ts: number, dur: number, tid = 7) => ({ ph: 'X', name, pid: 1, tid, ts, dur });

describe('tallyTrace', () => {
	it('gives each moment to the innermost span on its thread, on the page clock, clipped to the window', () => {
		const events = [
			...meta,
			mark,
			// A task of 10 ms (page 0–10) holding a function call of 4 ms (page 2–6) holding a 1 ms clone.
			span('RunTask', 6_000, 10_000),
			span('FunctionCall', 8_000, 4_000),
			span('Serialize', 9_000, 1_000),
			span('Commit', 7_000, 2_000, 8)
		];
		const [phase] = tallyTrace(events, [{ phase: 'tx', from: 1, to: 9 }], [4]);
		const ms = Object.fromEntries(phase.top.map((r) => [r.name, r.msPerTap]));
		expect(phase.wallMsPerTap).toBe(8);
		// RunTask's own time inside 1–9: 1–2 and 6–9.
		expect(ms['Renderer / CrRendererMain · RunTask']).toBeCloseTo(4);
		expect(ms['Renderer / CrRendererMain · FunctionCall']).toBeCloseTo(3);
		expect(ms['Renderer / CrRendererMain · Serialize']).toBeCloseTo(1);
		expect(ms['Renderer / Compositor · Commit']).toBeCloseTo(2);
		expect(phase.busy[0]).toEqual({ name: 'Renderer / CrRendererMain', msPerTap: expect.closeTo(8) });
	});

	it('averages over the windows of a phase, B/E pairs as spans', () => {
		const events = [
			...meta,
			mark,
			{ ph: 'B', name: 'Paint', pid: 1, tid: 7, ts: 7_000 },
			{ ph: 'E', name: 'Paint', pid: 1, tid: 7, ts: 9_000 }
		];
		const [phase] = tallyTrace(
			events,
			[
				{ phase: 'p', from: 0, to: 4 },
				{ phase: 'p', from: 10, to: 12 }
			],
			[4]
		);
		expect(phase.windows).toBe(2);
		expect(phase.top).toEqual([{ name: 'Renderer / CrRendererMain · Paint', msPerTap: 1 }]);
	});

	it('refuses a trace with no commit mark to tie the clocks', () => {
		expect(() => tallyTrace([...meta, span('RunTask', 0, 10)], [{ phase: 'x', from: 0, to: 1 }], [4])).toThrow(
			/doorstep:committed/
		);
	});
});
