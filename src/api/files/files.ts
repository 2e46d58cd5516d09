/**
 * `/v1/files`: upload (multipart), list (`purpose`, `limit`, `order`, `after`), retrieve,
 * delete (which detaches the file from every vector store) and `GET …/content`, which returns
 * the bytes exactly as uploaded with the upload's content type.
 */
import type { ApiRequest } from "../route";
import { deleteFile, uploadFile } from "../../files/file-service";
import { MAX_FILE_BYTES, parseUpload, tooLargeFile } from "../../files/parse-upload";
import { OpenAIError } from "../../http/errors";
import { readMultipart } from "../../http/read-multipart";
import { notFound } from "../../vector-stores/not-found";
import type { OpenAIFile } from "../../wire/files";
import { paginate } from "../../wire/pagination";
import { readPageQuery } from "../assistants/pagination";
import { storesOf } from "../assistants/stores";
import type { AppContext } from "../context";
import { vectorStoreDepsOf } from "../vector-stores/deps";
import { pathId } from "./path-id";

/** Room for the form's other fields and multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export async function createFile(request: ApiRequest, ctx: AppContext): Promise<Response> {
  let form: FormData;
  try {
    form = await readMultipart(request as unknown as Request, MAX_FILE_BYTES + FORM_OVERHEAD_BYTES);
  } catch (err) {
    // Name the file limit, not the form's.
    if (err instanceof OpenAIError && err.status === 413)
      throw tooLargeFile(Number(request.headers.get("content-length")) || MAX_FILE_BYTES + 1);
    throw err;
  }
  const file = await uploadFile(storesOf(ctx), await parseUpload(form));
  return Response.json(file);
}

export async function listFiles(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const query = readPageQuery(request, { default: 10_000, max: 10_000 });
  const purpose = typeof request.query.purpose === "string" ? request.query.purpose : undefined;
  const files = await storesOf(ctx).files.list();
  return Response.json(paginate(purpose ? files.filter((f) => f.purpose === purpose) : files, query));
}

export async function retrieveFile(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return Response.json(await loadFile(request, ctx));
}

export async function deleteFileHandler(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const file = await loadFile(request, ctx);
  await deleteFile(vectorStoreDepsOf(ctx), file.id);
  return Response.json({ id: file.id, object: "file", deleted: true });
}

export async function fileContent(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const id = pathId(request, "file_id", "file-", "file");
  const content = await storesOf(ctx).files.content(id);
  if (!content) throw notFound("file", id);
  return new Response(content.bytes, { headers: { "content-type": content.contentType } });
}

async function loadFile(request: ApiRequest, ctx: AppContext): Promise<OpenAIFile> {
  const id = pathId(request, "file_id", "file-", "file");
  const file = await storesOf(ctx).files.get(id);
  if (!file) throw notFound("file", id);
  return file;
}
