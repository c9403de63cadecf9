/**
 * Wall-time limits of the tests. Tests wait on the simulated clock or on events; the only wall-time limit left is on
 * child processes, so that a hung child ends the test instead of the run: 10 min, far above the slowest child on a
 * busy 2-core machine (serverless package, ~1-2 min beside two CPU-bound processes).
 */
export const GENEROUS_CHILD_MS = 600_000;
