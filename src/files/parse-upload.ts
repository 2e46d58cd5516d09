/**
 * A `POST /v1/files` form → an upload: the file part, `purpose` (this Worker keeps files for
 * assistants, user_data and vision; fine-tuning and batch purposes have nothing to serve them
 * here), and OpenAI's optional `expires_after[anchor]=created_at` / `expires_after[seconds]`.
 * Files are held in one KV value each, so the limit is KV's 25 MiB.
 */
import { OpenAIError, invalidParam } from "../http/errors";
import { missing } from "../http/validate";
import { FILE_PURPOSES, type FilePurpose } from "../wire/files";

/** KV's largest value: the largest file this Worker stores. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** OpenAI's bounds on `expires_after[seconds]`: one hour to thirty days. */
const MIN_EXPIRY_SECONDS = 3600;
const MAX_EXPIRY_SECONDS = 2_592_000;

export interface FileUpload {
  purpose: FilePurpose;
  filename: string;
  bytes: Uint8Array;
  contentType: string;
  /** Seconds after creation the file expires, when asked. */
  expiresAfterSeconds: number | undefined;
}

export async function parseUpload(form: FormData): Promise<FileUpload> {
  const purpose = textField(form, "purpose");
  if (purpose === undefined) throw missing("purpose");
  if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
    throw invalidParam(
      "purpose",
      `Invalid value for 'purpose': '${purpose}'. ai-forwarder accepts ${FILE_PURPOSES.map((p) => `'${p}'`).join(", ")} (fine-tuning and batch files have no use here).`,
    );
  }
  const file = form.get("file");
  if (file === null) throw missing("file");
  if (typeof file === "string")
    throw invalidParam("file", "Invalid 'file': expected an uploaded file, but got a text field.", "invalid_type");
  if (file.size > MAX_FILE_BYTES) throw tooLargeFile(file.size);
  return {
    purpose: purpose as FilePurpose,
    filename: file.name || "upload",
    bytes: new Uint8Array(await file.arrayBuffer()),
    contentType: file.type || "application/octet-stream",
    expiresAfterSeconds: parseExpiry(form),
  };
}

/** The 413 for a file over MAX_FILE_BYTES, naming the limit. */
export function tooLargeFile(size: number): OpenAIError {
  return new OpenAIError(
    413,
    `File is too large: ${size} bytes. ai-forwarder stores files of at most ${MAX_FILE_BYTES} bytes (25 MiB, the largest value Workers KV holds).`,
    { param: "file", code: "file_too_large" },
  );
}

function parseExpiry(form: FormData): number | undefined {
  const anchor = textField(form, "expires_after[anchor]");
  const seconds = textField(form, "expires_after[seconds]");
  if (anchor === undefined && seconds === undefined) return undefined;
  if (anchor !== "created_at") throw invalidParam("expires_after.anchor", "Invalid 'expires_after.anchor': expected 'created_at'.");
  const n = Number(seconds);
  if (!Number.isInteger(n) || n < MIN_EXPIRY_SECONDS || n > MAX_EXPIRY_SECONDS) {
    throw invalidParam(
      "expires_after.seconds",
      `Invalid 'expires_after.seconds': expected an integer from ${MIN_EXPIRY_SECONDS} to ${MAX_EXPIRY_SECONDS}, got '${seconds ?? ""}'.`,
    );
  }
  return n;
}

function textField(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  if (v === null) return undefined;
  if (typeof v !== "string") throw invalidParam(name, `Invalid '${name}': expected a text field, but got a file.`, "invalid_type");
  return v.trim() === "" ? undefined : v.trim();
}
