import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostOrOriginRefusal, hostRule, isJsonContentType } from '../../../main/api/request-guard';

/** Only the headers matter to the guard: a request as Node hands it over, reduced to them. */
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('the Host rule of the local API', () => {
  it('on loopback: localhost, 127.0.0.1 and [::1] with its own port, and nothing else', () => {
    const rule = hostRule({ boundHost: '127.0.0.1', port: 8787, allowedHosts: [] });
    for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'LOCALHOST:8787', 'localhost.:8787']) {
      expect(rule.allows(host), host).toBe(true);
    }
    for (const host of [
      'localhost:8788',
      'localhost',
      '127.0.0.2:8787',
      'kiosk.evil.example:8787',
      '127.0.0.1.evil.example:8787',
      '[::2]:8787',
      'user@127.0.0.1:8787',
      '',
    ]) {
      expect(rule.allows(host), host).toBe(false);
    }
    expect(rule.allows(undefined)).toBe(false);
  });

  it('on port 80 a Host without a port is its own; allowedHosts add names, with the port or their own', () => {
    const rule = hostRule({
      boundHost: '127.0.0.1',
      port: 80,
      allowedHosts: ['kiosk-3.hall.lan', 'proxy.hall.lan:443'],
    });
    expect(rule.allows('127.0.0.1')).toBe(true);
    expect(rule.allows('kiosk-3.hall.lan')).toBe(true);
    expect(rule.allows('kiosk-3.hall.lan:443')).toBe(false);
    expect(rule.allows('proxy.hall.lan:443')).toBe(true);
    expect(rule.allows('proxy.hall.lan')).toBe(false);
  });

  it('on 0.0.0.0: also the machine’s host name, with and without .local', () => {
    const rule = hostRule({ boundHost: '0.0.0.0', port: 8787, allowedHosts: [] });
    expect(rule.allows(`${hostname()}:8787`)).toBe(true);
    expect(rule.allows(`${hostname()}.local:8787`)).toBe(true);
    expect(rule.allows('some-other-machine:8787')).toBe(false);
  });
});

describe('Origin and Content-Type', () => {
  const rule = hostRule({ boundHost: '127.0.0.1', port: 8787, allowedHosts: [] });

  it('takes no Origin (a program) and its own; refuses others, null and non-web schemes', () => {
    expect(hostOrOriginRefusal(request({ host: '127.0.0.1:8787' }), rule)).toBeNull();
    expect(hostOrOriginRefusal(request({ host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787' }), rule)).toBeNull();
    expect(hostOrOriginRefusal(request({ host: '127.0.0.1:8787', origin: 'http://localhost:8787' }), rule)).toBeNull();
    for (const origin of ['http://127.0.0.1:9000', 'https://evil.example', 'null', 'app://kiosk', 'http://127.0.0.1']) {
      expect(hostOrOriginRefusal(request({ host: '127.0.0.1:8787', origin }), rule), origin).toMatchObject({
        status: 403,
      });
    }
    expect(hostOrOriginRefusal(request({ host: 'evil.example:8787' }), rule)).toMatchObject({ status: 421 });
  });

  it('takes application/json with or without parameters, and nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    for (const type of [
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json-seq',
      'text/json',
    ]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
  });
});
