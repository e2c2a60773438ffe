// Starts the built app on the embedded SQLite store unless DATABASE_URL says otherwise.
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.DATA_DIR ??= 'data';
// Roster imports can be large; every endpoint still applies its own, smaller limit.
process.env.BODY_SIZE_LIMIT ??= '8M';
await import('../build/index.js');
