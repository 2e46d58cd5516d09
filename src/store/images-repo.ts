/**
 * Generated images kept for their `url` (key `image/{id}`, see keys.ts): the bytes, with
 * metadata `{contentType}`, expiring after the configured TTL (at least KV's 60 s).
 *
 * One KV write per image returned as a `url` (none for `b64_json`), one read per fetch. Ids are
 * `img_` + 32 random base-62 characters (~190 bits): the URL is the credential, as OpenAI's
 * signed image URLs are, so `GET /v1/images/{id}` needs no API key.
 */
import { newId } from "../util/ids";
import { keys } from "./keys";
import type { KvWriter } from "./kv-writer";

const ID = /^img_[0-9A-Za-z]{32}$/;

export interface StoredImage {
  bytes: ArrayBuffer;
  contentType: string;
}

export class ImagesRepo {
  constructor(private readonly writer: KvWriter) {}

  /** Stores an image under a new id and returns the id. */
  async put(bytes: Uint8Array, contentType: string, ttlSeconds: number): Promise<string> {
    const id = newId("img_", 32);
    await this.writer.put(keys.image(id), bytes, { expirationTtl: Math.max(60, ttlSeconds), metadata: { contentType } });
    return id;
  }

  /** The image, or undefined when the id is malformed (no KV read), unknown or expired. */
  async get(id: string): Promise<StoredImage | undefined> {
    if (!ID.test(id)) return undefined;
    const { value, metadata } = await this.writer.kv.getWithMetadata<{ contentType?: string }>(keys.image(id), "arrayBuffer");
    if (!value) return undefined;
    return { bytes: value, contentType: metadata?.contentType ?? "application/octet-stream" };
  }
}
