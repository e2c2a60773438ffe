// Starts the built app on the embedded SQLite store unless DATABASE_URL says otherwise.
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.DATA_DIR ??= 'data';
await import('../build/index.js');
