// Loaded by the app's entry before any screen's code: polyfills must be in place first.
import '$lib/client/polyfills';
