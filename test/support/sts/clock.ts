// The emulator's own notion of "now". It runs alongside real time (so a
// long-lived emulator still expires sessions and rolls TOTP windows), shifted
// by whatever tests set or advance; `frozen` stops it for exact assertions.

export interface EmulatorClock {
  now(): Date;
  set(d: Date): void;
  advance(seconds: number): void;
}

export function createClock(opts: { start?: Date; frozen?: boolean; realNow?: () => number } = {}): EmulatorClock {
  const realNow = opts.realNow ?? Date.now;
  let offsetMs = opts.start ? opts.start.getTime() - realNow() : 0;
  let frozenAt = opts.frozen ? realNow() + offsetMs : undefined;
  return {
    now: () => new Date(frozenAt ?? realNow() + offsetMs),
    set: (d) => {
      if (frozenAt !== undefined) frozenAt = d.getTime();
      else offsetMs = d.getTime() - realNow();
    },
    advance: (seconds) => {
      if (frozenAt !== undefined) frozenAt += seconds * 1000;
      else offsetMs += seconds * 1000;
    },
  };
}
