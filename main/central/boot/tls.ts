import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';

export interface CentralTls {
  key: Buffer;
  cert: Buffer;
  /** SHA-256 of the certificate as devices pin it (`AB:CD:…`). */
  fingerprint: string;
}

/**
 * The central's certificate: the centre's own (CENTRAL_TLS_CERT and CENTRAL_TLS_KEY, PEM files),
 * or a self-signed one made with openssl on first start and kept in the data folder. Devices pin
 * its fingerprint at enrolment, so no certificate authority is needed; a new certificate means
 * enrolling the devices again.
 */
export function centralTls(dataDir: string, env: NodeJS.ProcessEnv = process.env): CentralTls {
  if (env.CENTRAL_TLS_CERT || env.CENTRAL_TLS_KEY) {
    if (
      !env.CENTRAL_TLS_CERT ||
      !env.CENTRAL_TLS_KEY ||
      !existsSync(env.CENTRAL_TLS_CERT) ||
      !existsSync(env.CENTRAL_TLS_KEY)
    ) {
      throw new Error(
        `CENTRAL_TLS_CERT and CENTRAL_TLS_KEY must both name PEM files (${env.CENTRAL_TLS_CERT}, ${env.CENTRAL_TLS_KEY})`,
      );
    }
    return readTls(env.CENTRAL_TLS_CERT, env.CENTRAL_TLS_KEY);
  }
  return selfSignedTls(join(dataDir, 'central.cert.pem'), join(dataDir, 'central.key.pem'), 'kiosk-central');
}

/**
 * A certificate kept in two PEM files, made self-signed with openssl (P-256, ten years) the first
 * time. Also the hall server's (main/boot/compose.ts): its kiosks pin it the same way.
 */
export function selfSignedTls(certFile: string, keyFile: string, commonName: string): CentralTls {
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '3650'].concat([
        '-subj',
        `/CN=${commonName}`,
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ]),
      { stdio: 'ignore' },
    );
  }
  return readTls(certFile, keyFile);
}

/** PEM files read, with the fingerprint devices pin. */
export function readTls(certFile: string, keyFile: string): CentralTls {
  const cert = readFileSync(certFile);
  return { key: readFileSync(keyFile), cert, fingerprint: new X509Certificate(cert).fingerprint256 };
}
