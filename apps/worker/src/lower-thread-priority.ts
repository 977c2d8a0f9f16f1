import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority (Linux: a thread is a task with a nice value
 * of its own; /proc/thread-self names it). A simulation thread then takes the cores routing
 * leaves idle and yields them when the worker's main thread needs them. Elsewhere: nothing.
 */
export function lowerThreadPriority(by = 10): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    // Relative to the thread's own (the process's) nice value: never above it.
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + by));
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
