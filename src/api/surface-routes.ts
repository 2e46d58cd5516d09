/** Routes for the rest of OpenAI's surface (embeddings, images, audio, moderations, completions). */
import { handleSpeech, handleTranscriptions, handleTranslations } from "./audio";
import { handleCompletions } from "./completions";
import { handleEmbeddings } from "./embeddings";
import { handleGetImage, handleImageGenerations } from "./images";
import { handleModerations } from "./moderations";
import type { Route } from "./route";

export const SURFACE_ROUTES: readonly Route[] = [
  { method: "POST", path: "/v1/embeddings", handler: handleEmbeddings },
  { method: "POST", path: "/v1/images/generations", handler: handleImageGenerations },
  // Public: the id is the credential (unguessable, expiring), like OpenAI's signed image URLs.
  { method: "GET", path: "/v1/images/:id", handler: handleGetImage, public: true },
  { method: "POST", path: "/v1/audio/transcriptions", handler: handleTranscriptions },
  { method: "POST", path: "/v1/audio/translations", handler: handleTranslations },
  { method: "POST", path: "/v1/audio/speech", handler: handleSpeech },
  { method: "POST", path: "/v1/moderations", handler: handleModerations },
  { method: "POST", path: "/v1/completions", handler: handleCompletions },
];
