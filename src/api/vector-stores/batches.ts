/**
 * `/v1/vector_stores/{id}/file_batches`: attach several files at once, retrieve, cancel (files
 * still `in_progress` become `cancelled`; indexing that finishes later leaves them so), and list
 * the batch's files. A batch's counts come from the store's file listing (1 list).
 */
import type { ApiRequest } from "../route";
import { readJsonObject } from "../../http/read-json";
import type { FileBatchRecord } from "../../store/vector-stores-repo";
import { clock, nowSeconds } from "../../util/clock";
import { attachFiles } from "../../vector-stores/attach";
import { notFound } from "../../vector-stores/not-found";
import { parseAttachInput } from "../../vector-stores/parse-requests";
import { fileBatchObject } from "../../vector-stores/store-view";
import type { AppContext } from "../context";
import { pathId } from "../files/path-id";
import { vectorStoreDepsOf } from "./deps";
import { filePage } from "./files";
import { loadVectorStore } from "./stores";

export async function createFileBatch(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const store = await loadVectorStore(request, ctx);
  const input = parseAttachInput(await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes), true);
  const deps = vectorStoreDepsOf(ctx);
  const batch: FileBatchRecord = {
    id: clock().sortableId("vsfb_"),
    created_at: nowSeconds(),
    vector_store_id: store.id,
    file_ids: input.fileIds,
    cancelled: false,
  };
  const files = await attachFiles(deps, store.id, input.fileIds, {
    chunking: input.chunking,
    attributes: input.attributes,
    batchId: batch.id,
  });
  await deps.stores.vectorStores.putBatch(batch);
  return Response.json(
    fileBatchObject(
      batch,
      files.map((file) => ({ file, batchId: batch.id })),
    ),
  );
}

export async function retrieveFileBatch(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const batch = await loadBatch(request, ctx);
  return Response.json(fileBatchObject(batch, await vectorStoreDepsOf(ctx).stores.vectorStoreFiles.list(batch.vector_store_id)));
}

export async function cancelFileBatch(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const batch = await loadBatch(request, ctx);
  const { stores } = vectorStoreDepsOf(ctx);
  const files = await stores.vectorStoreFiles.list(batch.vector_store_id);
  const pending = files.filter((f) => f.batchId === batch.id && f.file.status === "in_progress");
  const cancelled = pending.map((f) => ({ ...f, file: { ...f.file, status: "cancelled" as const } }));
  await Promise.all(cancelled.map((f) => stores.vectorStoreFiles.put(f)));
  const next = { ...batch, cancelled: true };
  await stores.vectorStores.putBatch(next);
  const byId = new Map(cancelled.map((f) => [f.file.id, f]));
  return Response.json(
    fileBatchObject(
      next,
      files.map((f) => byId.get(f.file.id) ?? f),
    ),
  );
}

export async function listFileBatchFiles(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const batch = await loadBatch(request, ctx);
  return Response.json(await filePage(request, ctx, batch.vector_store_id, (r) => r.batchId === batch.id));
}

async function loadBatch(request: ApiRequest, ctx: AppContext): Promise<FileBatchRecord> {
  const store = await loadVectorStore(request, ctx);
  const id = pathId(request, "batch_id", "vsfb_", "file batch");
  const batch = await vectorStoreDepsOf(ctx).stores.vectorStores.getBatch(store.id, id);
  if (!batch) throw notFound("file batch", id);
  return batch;
}
