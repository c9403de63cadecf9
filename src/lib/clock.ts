/**
 * The handlers' clock: wall time. The local engine swaps in its simulated clock (`setClock`), so time-based logic in
 * the handlers (the directory creation lease, an adopted directory's age) runs on the same clock as the emulator's
 * directories and the simulated Wait/Retry pauses; otherwise a lease would never lapse during a local run, whose
 * retries take milliseconds of wall time.
 */
const wall = (): Date => new Date();
let current: () => Date = wall;

export const now = (): Date => current();

/** Replace the clock (undefined = wall time again). */
export const setClock = (clock?: () => Date): void => {
  current = clock ?? wall;
};
