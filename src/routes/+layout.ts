// Every screen is a prerendered shell rendered in the browser from IndexedDB, so it opens
// offline from the service worker's precache. No screen loads data from the server.
export const prerender = true;
export const ssr = false;
