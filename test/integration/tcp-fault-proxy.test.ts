import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';

/*
 * The fault proxy against a real echo server on 127.0.0.1: each knob is shown to do what it says,
 * measured at the echo server (what arrived) and at the client (what came back, and when).
 */

interface Echo {
  server: Server;
  port: number;
  /** Bytes the echo server received, over all connections. */
  received: () => number;
  /** Connections the echo server saw close. */
  closed: () => number;
}

function startEcho(): Promise<Echo> {
  let received = 0;
  let closed = 0;
  const server = createServer((socket) => {
    socket.on('data', (chunk) => {
      received += chunk.length;
      socket.write(chunk);
    });
    socket.on('error', () => {});
    socket.on('close', () => (closed += 1));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      resolve({ server, port: address.port, received: () => received, closed: () => closed });
    });
  });
}

/** A client that collects what comes back and notes when it closed. */
function connect(port: number) {
  const socket = createConnection({ host: '127.0.0.1', port });
  const state = { bytes: 0, closed: false, chunks: [] as Buffer[] };
  socket.on('data', (chunk: Buffer) => {
    state.bytes += chunk.length;
    state.chunks.push(chunk);
  });
  socket.on('error', () => {});
  socket.on('close', () => (state.closed = true));
  const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, state, opened };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the TCP fault proxy, in front of a real echo server', () => {
  let echo: Echo;
  let proxy: TcpFaultProxy;
  let port: number;
  const clients: Socket[] = [];

  beforeEach(async () => {
    echo = await startEcho();
    proxy = new TcpFaultProxy({ host: '127.0.0.1', port: echo.port });
    port = await proxy.listen();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await proxy.close();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  const open = async () => {
    const client = connect(port);
    clients.push(client.socket);
    await client.opened;
    return client;
  };

  it('forwards both ways unchanged and counts bytes and connections', async () => {
    const client = await open();
    const sent = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    client.socket.write(sent);
    await until(() => client.state.bytes === sent.length);
    expect(Buffer.concat(client.state.chunks).equals(sent)).toBe(true);
    expect(proxy.counters).toMatchObject({
      bytesUpstream: 100_000,
      bytesDownstream: 100_000,
      connectionsAccepted: 1,
      connectionsOpen: 1,
    });
  });

  it('cut() destroys every connection at once, client and server side', async () => {
    const first = await open();
    const second = await open();
    first.socket.write('x');
    await until(() => first.state.bytes === 1);
    proxy.cut();
    await until(() => first.state.closed && second.state.closed && echo.closed() === 2);
    expect(proxy.counters).toMatchObject({ connectionsCut: 2, connectionsOpen: 0 });
    // The proxy itself still accepts afterwards.
    const third = await open();
    third.socket.write('y');
    await until(() => third.state.bytes === 1);
  });

  it('refuse(true) closes new connections at once without reaching the server; refuse(false) lets them through', async () => {
    proxy.refuse(true);
    const refused = connect(port);
    clients.push(refused.socket);
    refused.socket.write('hello');
    await until(() => refused.state.closed);
    expect(refused.state.bytes).toBe(0);
    expect(echo.received()).toBe(0);
    expect(proxy.counters.connectionsRefused).toBe(1);

    proxy.refuse(false);
    const accepted = await open();
    accepted.socket.write('hello');
    await until(() => accepted.state.bytes === 5);
  });

  it('blackhole(true) keeps connections open but forwards nothing either way', async () => {
    const client = await open();
    proxy.blackhole(true);
    client.socket.write('into the void');
    await sleep(300);
    expect(echo.received()).toBe(0);
    expect(client.state.bytes).toBe(0);
    expect(client.state.closed).toBe(false);
    expect(proxy.counters.bytesSwallowed).toBe('into the void'.length);

    proxy.blackhole(false);
    client.socket.write('back');
    await until(() => client.state.bytes === 4);
  });

  it('delayMs(n) adds n ms each way: a round trip takes at least 2n', async () => {
    const client = await open();
    client.socket.write('warm');
    await until(() => client.state.bytes === 4);
    proxy.delayMs(150);
    const started = performance.now();
    client.socket.write('ping');
    await until(() => client.state.bytes === 8);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('throttle(bytesPerSecond) limits the bandwidth of a direction', async () => {
    const client = await open();
    proxy.throttle(50_000);
    const started = performance.now();
    client.socket.write(Buffer.alloc(100_000, 7));
    // Upstream at 50 kB/s: 100 kB reach the echo server after about 2 s, not at once.
    await sleep(1_000);
    expect(echo.received()).toBeGreaterThan(20_000);
    expect(echo.received()).toBeLessThan(80_000);
    await until(() => client.state.bytes === 100_000, 10_000);
    const elapsed = performance.now() - started;
    // Both directions run at 50 kB/s, in a pipeline: about 2 s plus the last chunk's way back.
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('cutAfterBytes(n) lets exactly n bytes upstream, then cuts the connection; null stops it', async () => {
    proxy.cutAfterBytes(1_000);
    const client = await open();
    client.socket.write(Buffer.alloc(5_000, 1));
    await until(() => client.state.closed);
    await until(() => echo.closed() === 1);
    expect(echo.received()).toBe(1_000);
    expect(proxy.counters.connectionsCut).toBe(1);

    proxy.cutAfterBytes(null);
    const next = await open();
    next.socket.write(Buffer.alloc(5_000, 1));
    await until(() => next.state.bytes === 5_000);
    expect(next.state.closed).toBe(false);
  });

  it('passes an orderly close on after delayed bytes, so a delayed answer is not lost', async () => {
    const client = await open();
    proxy.delayMs(100);
    client.socket.end('last words');
    await until(() => client.state.closed);
    expect(Buffer.concat(client.state.chunks).toString()).toBe('last words');
    await until(() => proxy.counters.connectionsOpen === 0);
  });

  it('close() stops listening: a new connection is refused by the system', async () => {
    await proxy.close();
    const client = connect(port);
    clients.push(client.socket);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => client.socket.once('error', resolve));
    expect(error.code).toBe('ECONNREFUSED');
  });
});
