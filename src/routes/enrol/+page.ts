// Issue 13: the enrol page is the first a new volunteer opens (from the lead's code or QR),
// with nothing on the device yet, so it is prerendered with its form in the HTML and hydrates:
// it paints before the app's code has run. Every other screen stays an empty shell (see
// ../+layout.ts): they draw from IndexedDB, which only the browser has.
export const ssr = true;
