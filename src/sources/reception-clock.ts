// Where a frame's reception time comes from. A live feed stamps each chunk with the machine's
// clock when it arrives; a recorded capture derives it from its own 12 MHz counter (see
// CaptureClock), never from the clock of the machine replaying it.
import type { RawFrame } from '../wire/raw-frame.ts';

export interface ReceptionClock {
  /** Called before the frames of each input chunk are parsed. */
  chunk(): void;
  /** Reception time of one frame, milliseconds since the UNIX epoch. */
  stamp(frame: RawFrame): number;
  /** The input broke (reconnect, next pass of a looped file): counters no longer continue. */
  restart(): void;
}

export class LiveClock implements ReceptionClock {
  private now = 0;
  private readonly read: () => number;

  constructor(read: () => number = Date.now) {
    this.read = read;
  }

  chunk(): void {
    this.now = this.read();
  }

  stamp(): number {
    return this.now;
  }

  restart(): void {}
}
