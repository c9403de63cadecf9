/**
 * The emulator's state container. Each service keeps its resources and settings in slots it defines in its own
 * folder; the core never knows their types. A slot with `save` is part of the snapshot (`npm start -- --state`): its
 * members are merged, one level deep, into the snapshot object next to the other slots'. A slot without `save` lives
 * in memory only (lifecycle settings, secret values).
 */

import type { Check } from './shape.ts';

export type Json = Record<string, unknown>;

export interface StateSlot<S> {
  /** For messages. */
  readonly name: string;
  /** The state of a world that starts empty. */
  fresh(): S;
  /** The state a snapshot holds (the snapshot is a private copy); what an older snapshot lacks comes back fresh. */
  load?(snapshot: Json): S;
  /** Its members of the snapshot (JSON only; never a password or a secret value). */
  save?(state: S): Json;
  /**
   * What is wrong with its members of a snapshot (checked before `load`; a `--state` file may have been edited), by
   * field path, or undefined.
   */
  check?: Check;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The live state of every slot, created on first use (fresh, or loaded from the snapshot the emulator resumes). */
export class WorldState {
  private readonly values = new Map<StateSlot<unknown>, unknown>();
  constructor(private readonly snapshot?: Json) {}

  get<S>(slot: StateSlot<S>): S {
    if (!this.values.has(slot)) this.values.set(slot, this.snapshot && slot.load ? slot.load(this.snapshot) : slot.fresh());
    return this.values.get(slot) as S;
  }

  set<S>(slot: StateSlot<S>, value: S): void {
    this.values.set(slot, value);
  }

  /** The saved members of these slots, merged one level deep (two slots may share an object member). */
  save(slots: readonly StateSlot<unknown>[]): Json {
    const out: Json = {};
    for (const slot of slots) {
      for (const [key, value] of Object.entries(slot.save?.(this.get(slot)) ?? {})) {
        const before = out[key];
        out[key] = isObject(before) && isObject(value) ? { ...before, ...value } : value;
      }
    }
    return out;
  }
}
