// The one place browser tests and benchmarks learn the demo team's enrolment codes (the server
// side has DEMO_TEAM in src/lib/server/demo.ts). When codes stop being fixed, this is the file
// that finds them; nothing else holds a code.

export const DEMO_CODE = 'DEMO2026';
export const LEAD_CODE = 'LEAD2026';
