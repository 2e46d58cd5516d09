/**
 * Generated images kept for their `url`, in the CACHE namespace:
 *
 *   image/{id}    the image bytes; metadata {contentType}; expirationTtl = IMAGE_TTL_SECONDS
 *
 * One KV write per image returned as a `url` (none for `b64_json`), one read per fetch. Ids are
 * `img_` + 32 random base-62 characters (~190 bits): the URL is the credential, as OpenAI's
 * signed image URLs are, so `GET /v1/images/{id}` needs no API key.
 */
import { newId } from "../util/ids";

const PREFIX = "image/";
const ID = /^img_[0-9A-Za-z]{32}$/;

export interface StoredImage {
  bytes: ArrayBuffer;
  contentType: string;
}

export async function putImage(kv: KVNamespace, bytes: Uint8Array, contentType: string, ttlSeconds: number): Promise<string> {
  const id = newId("img_", 32);
  await kv.put(PREFIX + id, bytes, { expirationTtl: Math.max(60, ttlSeconds), metadata: { contentType } });
  return id;
}

/** The image, or undefined when the id is malformed (no KV read), unknown or expired. */
export async function getImage(kv: KVNamespace, id: string): Promise<StoredImage | undefined> {
  if (!ID.test(id)) return undefined;
  const { value, metadata } = await kv.getWithMetadata<{ contentType?: string }>(PREFIX + id, "arrayBuffer");
  if (!value) return undefined;
  return { bytes: value, contentType: metadata?.contentType ?? "application/octet-stream" };
}
