/* eslint-disable @typescript-eslint/no-explicit-any -- read back loosely; each probe documents its fields */
// What the benchmarks' probes (bench/*/probes.js) leave on the page's window for the bench
// to read back: loosely typed on purpose, each probe documents its own fields.
declare global {
	interface Window {
		__tti: any;
		__taps: any;
		__idb: any;
		__rawDb: any;
		__imp: any;
		__total: any;
		LeadBench: any;
		__board: any;
	}
}
export {};
