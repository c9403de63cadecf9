/**
 * Wall-time limits of the tests. Tests wait on the simulated clock or on events; the only wall-time limit left is on
 * child processes, so that a hung child ends the test instead of the run: 10 min, far above the slowest child on a
 * busy 2-core machine (serverless package, ~1-2 min beside two CPU-bound processes).
 */
export const GENEROUS_CHILD_MS = 600_000;

/**
 * The lines a command printed itself: without Node's own deprecation warning (a dependency loads `punycode`), which
 * Node prints before any code of ours runs.
 */
export const ownLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.trim() !== '' && !/^\(node:\d+\) \[DEP\d+\]|^\(Use `node --trace-deprecation/.test(l));
