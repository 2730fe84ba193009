// Looking for a secret in files as bytes, in the forms a careless write would leave it in:
// raw, UTF-16 in both byte orders, hex in both cases, and base64 (standard and URL-safe) at
// each of the three offsets it could start at inside a longer encoded value. The same forms
// the CLI's tests look for (crates/cli/tests/common/leaks.rs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function secretForms(secret) {
  const raw = Buffer.from(secret, 'utf8');
  const le = Buffer.from(secret, 'utf16le');
  const be = Buffer.from(le).swap16();
  const forms = [
    ['raw', raw],
    ['UTF-16LE', le],
    ['UTF-16BE', be],
    ['hex', Buffer.from(raw.toString('hex'))],
    ['HEX', Buffer.from(raw.toString('hex').toUpperCase())],
  ];
  for (const encoding of ['base64', 'base64url']) {
    for (let shift = 0; shift < 3; shift++) {
      const shifted = Buffer.concat([Buffer.alloc(shift), raw]);
      const encoded = shifted.toString(encoding);
      // The first group mixes in the padding bytes, the last whatever follows the secret.
      const core = encoded.slice(shift === 0 ? 0 : 4, Math.floor(shifted.length / 3) * 4);
      forms.push([`${encoding}+${shift}`, Buffer.from(core)]);
    }
  }
  return forms;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? files(file) : [file];
  });
}

/** Every file under `dir`, and the forms of `secret` found in each that holds any. */
export function scanForSecret(dir, secret) {
  const forms = secretForms(secret);
  const all = files(dir);
  const found = all
    .map((file) => {
      const bytes = readFileSync(file);
      return [file, forms.filter(([, needle]) => bytes.includes(needle)).map(([form]) => form)];
    })
    .filter(([, hits]) => hits.length > 0);
  return { files: all, found };
}
