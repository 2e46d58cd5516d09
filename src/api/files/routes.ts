/** Routes for the Files API. */
import type { Route } from "../route";
import { createFile, deleteFileHandler, fileContent, listFiles, retrieveFile } from "./files";

export const FILES_ROUTES: readonly Route[] = [
  { method: "POST", path: "/v1/files", handler: createFile },
  { method: "GET", path: "/v1/files", handler: listFiles },
  { method: "GET", path: "/v1/files/:file_id", handler: retrieveFile },
  { method: "DELETE", path: "/v1/files/:file_id", handler: deleteFileHandler },
  { method: "GET", path: "/v1/files/:file_id/content", handler: fileContent },
];
