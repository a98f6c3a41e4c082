/** Each thread of `pid`: name, scheduler state and the kernel function it sleeps in. */
export function threadStates(pid: number): string[];
/** Where every thread of `pid` is: thread states, then gdb's native stacks or the kernel stacks. */
export function nativeStacks(pid: number): string;
