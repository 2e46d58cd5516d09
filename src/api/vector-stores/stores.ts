/**
 * `/v1/vector_stores`: create (optionally attaching `file_ids`), list, retrieve, modify, delete.
 * File counts, usage and status come from the store's file listing: retrieving costs 1 read and
 * 1 list; a page of N stores costs 1 list plus 1 list per store.
 */
import type { ApiRequest } from "../route";
import { readJsonObject } from "../../http/read-json";
import type { VectorStoreRecord } from "../../store/vector-stores-repo";
import { nowSeconds } from "../../util/clock";
import { detachFile } from "../../vector-stores/attach";
import { createVectorStore as createStore } from "../../vector-stores/create-store";
import { notFound } from "../../vector-stores/not-found";
import { parseVectorStoreInput } from "../../vector-stores/parse-requests";
import { vectorStoreObject } from "../../vector-stores/store-view";
import { paginate } from "../../wire/pagination";
import { readPageQuery } from "../assistants/pagination";
import type { AppContext } from "../context";
import { pathId } from "../files/path-id";
import { vectorStoreDepsOf } from "./deps";

export async function createVectorStore(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const input = parseVectorStoreInput(await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes));
  // Files first: an unknown file id is a 404 before anything is written.
  const { record, files } = await createStore(vectorStoreDepsOf(ctx), input);
  return Response.json(
    vectorStoreObject(
      record,
      files.map((file) => ({ file })),
      record.created_at,
    ),
  );
}

export async function listVectorStores(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const query = readPageQuery(request);
  const { stores } = vectorStoreDepsOf(ctx);
  const page = paginate(await stores.vectorStores.list(), query);
  const now = nowSeconds();
  const data = await Promise.all(page.data.map(async (r) => vectorStoreObject(r, await stores.vectorStoreFiles.list(r.id), now)));
  return Response.json({ ...page, data });
}

export async function retrieveVectorStore(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadVectorStore(request, ctx);
  const files = await vectorStoreDepsOf(ctx).stores.vectorStoreFiles.list(record.id);
  return Response.json(vectorStoreObject(record, files, nowSeconds()));
}

export async function modifyVectorStore(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const current = await loadVectorStore(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const input = parseVectorStoreInput({
    name: body.name,
    metadata: body.metadata,
    ...("expires_after" in body ? { expires_after: body.expires_after } : {}),
  });
  const now = nowSeconds();
  const next: VectorStoreRecord = {
    ...current,
    name: input.name ?? current.name,
    metadata: input.metadata ?? current.metadata,
    expires_after: input.expiresAfter === undefined ? current.expires_after : input.expiresAfter,
    last_active_at: now,
  };
  const { stores } = vectorStoreDepsOf(ctx);
  await stores.vectorStores.put(next);
  return Response.json(vectorStoreObject(next, await stores.vectorStoreFiles.list(next.id), now));
}

/** Deletes a store with its files' records, chunks and vectors (the files themselves stay). */
export async function deleteVectorStore(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const record = await loadVectorStore(request, ctx);
  const deps = vectorStoreDepsOf(ctx);
  for (const file of await deps.stores.vectorStoreFiles.list(record.id)) await detachFile(deps, file);
  await deps.stores.vectorStores.deleteBatches(record.id);
  await deps.stores.vectorStores.delete(record.id);
  return Response.json({ id: record.id, object: "vector_store.deleted", deleted: true });
}

/** The store named by the path's `vector_store_id`, or its 404. */
export async function loadVectorStore(request: ApiRequest, ctx: AppContext): Promise<VectorStoreRecord> {
  const id = pathId(request, "vector_store_id", "vs_", "vector store");
  const record = await vectorStoreDepsOf(ctx).stores.vectorStores.get(id);
  if (!record) throw notFound("vector store", id);
  return record;
}
