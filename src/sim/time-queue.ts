// A min-priority queue of stream ids keyed by their next due time (binary heap on typed arrays).
// Equal times pop in id order, so the merge of many streams is the same on every run.

export class TimeQueue {
  private readonly heap: Int32Array;
  private readonly due: Float64Array;
  private size = 0;

  constructor(streams: number) {
    this.heap = new Int32Array(streams);
    this.due = new Float64Array(streams);
  }

  get length(): number {
    return this.size;
  }

  push(stream: number, time: number): void {
    this.due[stream] = time;
    let i = this.size++;
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(stream, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = stream;
  }

  /** The earliest stream (removed); check `length` first. */
  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.size];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.before(heap[right], heap[left]) ? right : left;
      if (!this.before(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  }

  /** Due time of the earliest stream. */
  peekTime(): number {
    return this.due[this.heap[0]];
  }

  timeOf(stream: number): number {
    return this.due[stream];
  }

  private before(a: number, b: number): boolean {
    const da = this.due[a];
    const db = this.due[b];
    return da < db || (da === db && a < b);
  }
}
