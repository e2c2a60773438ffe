// IndexedDB for rune tests in Node: a full in-memory implementation, installed as globals
// before any module opens the app's Dexie database.
import 'fake-indexeddb/auto';
