// Politeness: at most `perHost` requests at once to one host and `global` in all, waiting in arrival order.

/** A counting semaphore whose waiters are served first come, first served. */
class Slots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.used < this.size) {
      this.used += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else this.used -= 1;
  }

  isIdle(): boolean {
    return this.used === 0 && this.waiting.length === 0;
  }
}

export interface HostLimiter {
  /** Runs `task` once a slot for `host` and a global slot are free; frees both when it settles. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

/**
 * The per-host slot is taken before the global one, so a request queued behind a busy host never holds a
 * global slot that a request to another host could use.
 */
export function createHostLimiter(perHost: number, global: number): HostLimiter {
  const everyHost = new Slots(Math.max(1, Math.floor(global)));
  const hosts = new Map<string, Slots>();
  return {
    async run<T>(host: string, task: () => Promise<T>): Promise<T> {
      let slots = hosts.get(host);
      if (slots === undefined) {
        slots = new Slots(Math.max(1, Math.floor(perHost)));
        hosts.set(host, slots);
      }
      await slots.acquire();
      await everyHost.acquire();
      try {
        return await task();
      } finally {
        everyHost.release();
        slots.release();
        if (slots.isIdle()) hosts.delete(host); // a long run visits many hosts: forget idle ones
      }
    },
  };
}
