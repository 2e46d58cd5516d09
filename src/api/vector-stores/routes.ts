/** Routes for vector stores, their files, file batches and search. */
import type { Route } from "../route";
import { cancelFileBatch, createFileBatch, listFileBatchFiles, retrieveFileBatch } from "./batches";
import {
  attachFile,
  deleteVectorStoreFile,
  listVectorStoreFiles,
  retrieveVectorStoreFile,
  updateVectorStoreFile,
  vectorStoreFileContent,
} from "./files";
import { searchVectorStore } from "./search";
import { createVectorStore, deleteVectorStore, listVectorStores, modifyVectorStore, retrieveVectorStore } from "./stores";

const VS = "/v1/vector_stores/:vector_store_id";

export const VECTOR_STORES_ROUTES: readonly Route[] = [
  { method: "POST", path: "/v1/vector_stores", handler: createVectorStore },
  { method: "GET", path: "/v1/vector_stores", handler: listVectorStores },
  { method: "GET", path: VS, handler: retrieveVectorStore },
  { method: "POST", path: VS, handler: modifyVectorStore },
  { method: "DELETE", path: VS, handler: deleteVectorStore },
  { method: "POST", path: `${VS}/search`, handler: searchVectorStore },
  { method: "POST", path: `${VS}/files`, handler: attachFile },
  { method: "GET", path: `${VS}/files`, handler: listVectorStoreFiles },
  { method: "GET", path: `${VS}/files/:file_id`, handler: retrieveVectorStoreFile },
  { method: "POST", path: `${VS}/files/:file_id`, handler: updateVectorStoreFile },
  { method: "DELETE", path: `${VS}/files/:file_id`, handler: deleteVectorStoreFile },
  { method: "GET", path: `${VS}/files/:file_id/content`, handler: vectorStoreFileContent },
  { method: "POST", path: `${VS}/file_batches`, handler: createFileBatch },
  { method: "GET", path: `${VS}/file_batches/:batch_id`, handler: retrieveFileBatch },
  { method: "POST", path: `${VS}/file_batches/:batch_id/cancel`, handler: cancelFileBatch },
  { method: "GET", path: `${VS}/file_batches/:batch_id/files`, handler: listFileBatchFiles },
];
