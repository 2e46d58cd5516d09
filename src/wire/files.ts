/**
 * Wire types of OpenAI's Files and Vector stores APIs, as in the OpenAPI spec (`OpenAIFile`,
 * `VectorStoreObject`, `VectorStoreFileObject`, `VectorStoreFileBatchObject`, search results,
 * chunking strategies and attribute filters). Nullable-but-required fields are `T | null`.
 * Neutral ground: handlers, services and the store import these, never each other's types.
 */
import type { Metadata } from "./assistants";

export type { Metadata };

/** The purposes this Worker accepts on upload (OpenAI has more; they belong to fine-tuning and batch). */
export const FILE_PURPOSES = ["assistants", "user_data", "vision"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export interface OpenAIFile {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  /** Present only when the upload set `expires_after`. */
  expires_at?: number;
  filename: string;
  purpose: FilePurpose;
  /** Deprecated by OpenAI but still required: always `processed` here (an upload is stored whole or refused). */
  status: "processed";
}

export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

export interface ExpiresAfter {
  anchor: "last_active_at";
  days: number;
}

export interface VectorStoreObject {
  id: string;
  object: "vector_store";
  created_at: number;
  name: string;
  usage_bytes: number;
  file_counts: FileCounts;
  status: "expired" | "in_progress" | "completed";
  expires_after?: ExpiresAfter;
  expires_at: number | null;
  last_active_at: number | null;
  metadata: Metadata;
}

/** How a file is cut into chunks, as the API reports it (`auto` is reported as its static sizes). */
export interface StaticChunking {
  type: "static";
  static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number };
}

export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

export type FileStatus = "in_progress" | "completed" | "cancelled" | "failed";

export interface FileError {
  code: "server_error" | "unsupported_file" | "invalid_file";
  message: string;
}

export interface VectorStoreFileObject {
  id: string;
  object: "vector_store.file";
  usage_bytes: number;
  created_at: number;
  vector_store_id: string;
  status: FileStatus;
  last_error: FileError | null;
  chunking_strategy: StaticChunking;
  attributes: Attributes | null;
}

export interface VectorStoreFileBatchObject {
  id: string;
  object: "vector_store.files_batch";
  created_at: number;
  vector_store_id: string;
  status: FileStatus;
  file_counts: FileCounts;
}

/** `ComparisonFilter` and `CompoundFilter`: how `filters` select files by their attributes. */
export type ComparisonType = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin";
export type AttributeFilter =
  | { type: ComparisonType; key: string; value: AttributeValue | (string | number)[] }
  | { type: "and" | "or"; filters: AttributeFilter[] };

export interface SearchResultItem {
  file_id: string;
  filename: string;
  score: number;
  attributes: Attributes | null;
  content: { type: "text"; text: string }[];
}

export interface SearchResultsPage {
  object: "vector_store.search_results.page";
  search_query: string[];
  data: SearchResultItem[];
  has_more: boolean;
  next_page: string | null;
}
