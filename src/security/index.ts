// Personal data protection: per-user keys and AES-256-GCM sealed fields (crypto-shredding).
export { KEY_BYTES, openField, sealField } from './field-cipher.ts';
export { UserKeys, USER_KEY_TABLES, type UserKey } from './user-keys.ts';
export { PersonalData, REDACTED } from './personal-data.ts';
