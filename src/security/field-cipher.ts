// AES-256-GCM for one personal field. The additional data binds a sealed value to where it belongs
// (user and watch), so a ciphertext copied into another event does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedField } from '../events/index.ts';

export const KEY_BYTES = 32;
const IV_BYTES = 12;

export function sealField(plaintext: string, key: Buffer, kid: string, context: string): SealedField {
  if (key.length !== KEY_BYTES) throw new Error('AES-256-GCM needs a 32-byte key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${kid}\n${context}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', kid, iv: iv.toString('base64url'), ct: ct.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

/** Throws when the key is wrong, the context differs or a byte was changed. */
export function openField(sealed: SealedField, key: Buffer, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${sealed.kid}\n${context}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64url')), decipher.final()]).toString('utf8');
}
