import { createConnection, createServer, type Server, type Socket } from 'node:net';

/*
 * A TCP proxy for tests, put between a client and a real server to break the network between them
 * on demand: cut every connection, refuse new ones, swallow everything (a black hole), add latency,
 * limit bandwidth, or cut a connection after so many bytes upstream (mid-request). It forwards
 * bytes, knowing nothing of TLS or HTTP, so what it breaks is what a real network breaks.
 */

export interface ProxyCounters {
  /** Client → server bytes forwarded. */
  bytesUpstream: number;
  /** Server → client bytes forwarded. */
  bytesDownstream: number;
  /** Bytes swallowed while black-holed, both directions. */
  bytesSwallowed: number;
  connectionsAccepted: number;
  connectionsRefused: number;
  connectionsOpen: number;
  /** Connections ended by cut() or cutAfterBytes(). */
  connectionsCut: number;
}

/** Queued bytes a direction holds before it stops reading its source (so a throttled sender feels it). */
const QUEUE_HIGH_WATER = 64 * 1024;

/** What a lane carries: bytes, then its source's end (a FIN passed on) or a cut. */
type Item = { at: number; chunk: Buffer } | { at: number; chunk: null; then: 'end' | 'cut' };

/** One direction of one connection: a FIFO released when the simulated link would deliver each chunk. */
class Lane {
  private readonly queue: Item[] = [];
  private queued = 0;
  /** When the simulated link has finished sending what is queued (throttling). */
  private linkFreeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(
    private readonly source: Socket,
    private readonly sink: Socket,
    private readonly proxy: TcpFaultProxy,
    private readonly onForward: (bytes: number) => void,
    private readonly onCut: () => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.ended) return;
    const { delayMs, bytesPerSecond } = this.proxy.settings();
    // A throttled link delivers a 64 KB chunk bit by bit, not in one lump: slices of 20 ms each.
    const slice = bytesPerSecond === null ? chunk.length : Math.max(Math.floor(bytesPerSecond / 50), 1);
    for (let offset = 0; offset < chunk.length; offset += slice) {
      const part = chunk.subarray(offset, offset + slice);
      const start = Math.max(performance.now(), this.linkFreeAt);
      this.linkFreeAt = bytesPerSecond === null ? start : start + (part.length / bytesPerSecond) * 1000;
      this.queue.push({ at: this.linkFreeAt + delayMs, chunk: part });
    }
    this.queued += chunk.length;
    if (this.queued > QUEUE_HIGH_WATER) this.source.pause();
    this.pump();
  }

  /** The source ended (`end`) or the connection is to be cut once the bytes before are delivered. */
  finish(then: 'end' | 'cut'): void {
    if (this.ended) return;
    this.ended = true;
    const at = Math.max(performance.now(), this.linkFreeAt) + this.proxy.settings().delayMs;
    this.queue.push({ at, chunk: null, then });
    this.pump();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.ended = true;
  }

  private pump(): void {
    if (this.timer) return;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.at <= now) {
      const item = this.queue.shift()!;
      if (item.chunk === null) {
        if (item.then === 'end') this.sink.end();
        // Cut only once the bytes before it left for the kernel: the cut is at that exact byte.
        else if (this.sink.destroyed) this.onCut();
        else this.sink.write(Buffer.alloc(0), () => this.onCut());
        continue;
      }
      this.queued -= item.chunk.length;
      if (!this.sink.destroyed) {
        this.sink.write(item.chunk);
        this.onForward(item.chunk.length);
      }
    }
    if (this.queued <= QUEUE_HIGH_WATER && this.source.isPaused() && !this.source.destroyed) this.source.resume();
    const next = this.queue[0];
    if (next) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.pump();
        },
        Math.max(next.at - now, 0),
      );
    }
  }
}

interface Connection {
  client: Socket;
  upstream: Socket;
  lanes: Lane[];
  upstreamBytes: number;
}

export class TcpFaultProxy {
  private server: Server | null = null;
  private readonly connections = new Set<Connection>();
  private refusing = false;
  private blackholed = false;
  private latency = 0;
  private rate: number | null = null;
  private cutAfter: number | null = null;
  readonly counters: ProxyCounters = {
    bytesUpstream: 0,
    bytesDownstream: 0,
    bytesSwallowed: 0,
    connectionsAccepted: 0,
    connectionsRefused: 0,
    connectionsOpen: 0,
    connectionsCut: 0,
  };

  constructor(
    private readonly target: { host: string; port: number },
    private readonly host = '127.0.0.1',
  ) {}

  /** Starts listening on a free port of 127.0.0.1 and returns it. */
  listen(): Promise<number> {
    // Half-open on both sides, so a FIN is passed on in its place in the byte stream, not early.
    const server = createServer({ allowHalfOpen: true }, (client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.host, () => {
        const address = server.address();
        if (address === null || typeof address === 'string') reject(new Error('the proxy has no TCP port'));
        else resolve(address.port);
      });
    });
  }

  /** Destroys every connection now, client and server side. */
  cut(): void {
    for (const connection of [...this.connections]) this.end(connection, true);
  }

  /** While on, each new connection is closed as soon as it is accepted. */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** While on, bytes in both directions of every connection are swallowed; connections stay open. */
  blackhole(on: boolean): void {
    this.blackholed = on;
  }

  /** Latency added to each direction, for bytes that arrive from now on. */
  delayMs(ms: number): void {
    this.latency = ms;
  }

  /** Bandwidth of each direction of each connection; null for none. 1 Mbit/s is 125000. */
  throttle(bytesPerSecond: number | null): void {
    if (bytesPerSecond !== null && !(bytesPerSecond > 0)) throw new Error('bytesPerSecond must be positive');
    this.rate = bytesPerSecond;
  }

  /**
   * While set, a connection is cut once `bytes` of it went upstream (the rest of that chunk is
   * dropped): a request interrupted mid-body. Counts from each connection's first byte; null to stop.
   */
  cutAfterBytes(bytes: number | null): void {
    this.cutAfter = bytes;
  }

  settings(): { delayMs: number; bytesPerSecond: number | null } {
    return { delayMs: this.latency, bytesPerSecond: this.rate };
  }

  async close(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      this.counters.connectionsRefused += 1;
      client.destroy();
      return;
    }
    this.counters.connectionsAccepted += 1;
    this.counters.connectionsOpen += 1;
    const upstream = createConnection({ host: this.target.host, port: this.target.port, allowHalfOpen: true });
    const connection: Connection = { client, upstream, lanes: [], upstreamBytes: 0 };
    this.connections.add(connection);
    const cut = () => this.end(connection, true);
    const up = new Lane(client, upstream, this, (bytes) => (this.counters.bytesUpstream += bytes), cut);
    const down = new Lane(upstream, client, this, (bytes) => (this.counters.bytesDownstream += bytes), cut);
    connection.lanes.push(up, down);

    client.on('data', (chunk: Buffer) => {
      if (this.blackholed) {
        this.counters.bytesSwallowed += chunk.length;
        return;
      }
      const limit = this.cutAfter;
      if (limit !== null && connection.upstreamBytes + chunk.length >= limit) {
        // The bytes up to the limit go on; the connection is cut right behind them, the rest dropped.
        const allowed = Math.max(limit - connection.upstreamBytes, 0);
        connection.upstreamBytes += allowed;
        if (allowed > 0) up.push(chunk.subarray(0, allowed));
        up.finish('cut');
        return;
      }
      connection.upstreamBytes += chunk.length;
      up.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.blackholed) {
        this.counters.bytesSwallowed += chunk.length;
        return;
      }
      down.push(chunk);
    });
    // A side that ends or closes passes its end on after the bytes still queued from it (so a
    // delayed answer is not lost when the server closes); the connection is gone once both are.
    for (const [source, lane] of [
      [client, up],
      [upstream, down],
    ] as const) {
      source.on('end', () => lane.finish('end'));
      source.on('error', () => {});
      source.on('close', () => {
        lane.finish('end');
        if (client.destroyed && upstream.destroyed) this.end(connection, false);
      });
    }
  }

  private end(connection: Connection, cut: boolean): void {
    if (!this.connections.delete(connection)) return;
    this.counters.connectionsOpen -= 1;
    if (cut) this.counters.connectionsCut += 1;
    for (const lane of connection.lanes) lane.stop();
    connection.client.destroy();
    connection.upstream.destroy();
  }
}
