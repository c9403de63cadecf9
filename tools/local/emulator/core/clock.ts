/** Simulated clock: time only moves when someone calls `advance`, so lifecycles are deterministic. */
export interface SimClock {
  /** Epoch milliseconds, simulated. */
  now(): number;
  advance(seconds: number): void;
  /** Seconds advanced since the clock's start. */
  elapsedSeconds(): number;
}

export function createSimClock(startMs: number = Date.now()): SimClock {
  let elapsedMs = 0;
  return {
    now: () => startMs + elapsedMs,
    advance(seconds: number): void {
      if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`SimClock.advance: seconds must be a finite number >= 0, got ${seconds}`);
      elapsedMs += seconds * 1000;
    },
    elapsedSeconds: () => elapsedMs / 1000,
  };
}

/** Small deterministic PRNG (mulberry32). The state is one uint32, so it fits in a snapshot. */
export class Rng {
  state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
