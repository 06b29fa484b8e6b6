// Signs kiosk releases for the update check in main/boot/update-signature.ts (Ed25519 over the
// file's SHA-512 digest).
//
//   npx tsx scripts/sign-release.ts keygen --out <folder>
//       writes update-signing-key.pem (private: keep it offline, never in the repository) and
//       update-public-key.pem (paste it into main/app/update-public-key.ts before building).
//   npx tsx scripts/sign-release.ts sign --key <private key.pem> <release file>...
//       writes <release file>.sig beside each file; upload it with the file and latest-linux.yml.
//   npx tsx scripts/sign-release.ts verify --public-key <public key.pem> <release file>...
//       checks each file against its .sig, as the kiosk will.
import { generateKeyPairSync, createPrivateKey, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sha512OfFile, signatureMatches } from '../main/boot/update-signature';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, key: { type: 'string' }, 'public-key': { type: 'string' } },
});
const [command, ...files] = positionals;

function fail(message: string): never {
  console.error(`sign-release: ${message}`);
  process.exit(1);
}

if (command === 'keygen') {
  const out = values.out ?? fail('keygen needs --out <folder>');
  const privateFile = join(out, 'update-signing-key.pem');
  const publicFile = join(out, 'update-public-key.pem');
  // A key pair is made once per fleet; overwriting one would strand every kiosk built with it.
  if (existsSync(privateFile) || existsSync(publicFile)) fail(`${out} already holds a key pair; nothing was written`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  console.error(`wrote ${privateFile} (keep it offline) and ${publicFile}`);
  console.log(String(publicKey.export({ type: 'spki', format: 'pem' })).trim());
} else if (command === 'sign') {
  const keyFile = values.key ?? fail('sign needs --key <private key.pem>');
  if (files.length === 0) fail('sign needs at least one release file');
  let key;
  try {
    key = createPrivateKey(readFileSync(keyFile));
  } catch (error) {
    fail(`${keyFile} is not a private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') fail(`${keyFile} is a ${key.asymmetricKeyType} key, not Ed25519`);
  for (const file of files) {
    const signature = sign(null, await sha512OfFile(file), key).toString('base64');
    writeFileSync(`${file}.sig`, `${signature}\n`);
    console.error(`signed ${file} -> ${file}.sig`);
  }
} else if (command === 'verify') {
  const publicKeyPem = readFileSync(values['public-key'] ?? fail('verify needs --public-key <public key.pem>'), 'utf8');
  if (files.length === 0) fail('verify needs at least one release file');
  let bad = 0;
  for (const file of files) {
    const signature = existsSync(`${file}.sig`) ? readFileSync(`${file}.sig`, 'utf8') : '';
    const ok = signatureMatches(await sha512OfFile(file), signature, publicKeyPem);
    console.error(`${ok ? 'good' : 'BAD '} ${file}`);
    if (!ok) bad++;
  }
  if (bad > 0) process.exit(1);
} else {
  fail(
    'usage: sign-release.ts keygen --out <folder> | sign --key <key.pem> <file>... | verify --public-key <pem> <file>...',
  );
}
