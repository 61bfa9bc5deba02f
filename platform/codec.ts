/**
 * Payload codec: every payload Temporal stores (inputs, results, signals, queries, memos, failures) is
 * encrypted with AES-256-GCM. The key id travels in the payload metadata so keys can rotate: the first key
 * of the ring encrypts, any key of the ring decrypts. Used by the client, the worker, the tests and the
 * codec endpoint the Web UI calls.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyRing {
  activeKeyId: string;
  keys: Map<string, Buffer>;
}

/** Parses "id:base64key,id2:base64key" (the first encrypts). */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const [id, b64] = entry.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error(`codec key "${id}" must be 32 bytes in base64`);
    return [id, key] as const;
  });
  if (entries.length === 0) throw new Error('TEMPORAL_CODEC_KEYS is empty');
  return { activeKeyId: entries[0][0], keys: new Map(entries) };
}

export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => ({
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCODING),
        [KEY_ID]: Buffer.from(this.ring.activeKeyId),
      },
      data: this.encrypt(temporal.api.common.v1.Payload.encode(payload).finish()),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (Buffer.from(payload.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() !== ENCODING) return payload;
      if (!payload.data) throw new ValueError('encrypted payload has no data');
      const keyId = Buffer.from(payload.metadata?.[KEY_ID] ?? []).toString();
      return temporal.api.common.v1.Payload.decode(this.decrypt(payload.data, keyId));
    });
  }

  private encrypt(plain: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.ring.activeKeyId), iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  private decrypt(data: Uint8Array, keyId: string): Buffer {
    const buf = Buffer.from(data);
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), buf.subarray(0, IV_BYTES));
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  }

  private key(keyId: string): Buffer {
    const key = this.ring.keys.get(keyId);
    if (!key) throw new ValueError(`unknown codec key id "${keyId}"`);
    return key;
  }
}

export function codecFromSpec(spec: string): AesGcmCodec {
  return new AesGcmCodec(parseKeyRing(spec));
}
