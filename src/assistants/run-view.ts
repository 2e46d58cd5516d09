/**
 * How a stored run reads: a run still queued, in progress or awaiting tool outputs past its
 * `expires_at` is `expired` (the Worker that ran it is gone, or nobody submitted outputs),
 * as on OpenAI; one still `cancelling` then is `cancelled` (its thread's coordinator has freed
 * the thread the same way). Applied on read, so expiry costs no write.
 */
import { isLive, type RunObject, type RunRecord, type RunStepObject } from "../wire/assistants";

export function viewRun(run: RunObject, now: number): RunObject {
  if (!isLive(run) || run.expires_at === null || now < run.expires_at) return run;
  if (run.status === "cancelling") return { ...run, status: "cancelled", cancelled_at: run.expires_at, required_action: null };
  return { ...run, status: "expired", required_action: null };
}

export function viewStep(step: RunStepObject, run: RunObject, now: number): RunStepObject {
  if (step.status !== "in_progress" || viewRun(run, now).status !== "expired") return step;
  return { ...step, status: "expired", expired_at: run.expires_at };
}

export function viewRecord(record: RunRecord, now: number): RunRecord {
  return { ...record, run: viewRun(record.run, now), steps: record.steps.map((s) => viewStep(s, record.run, now)) };
}
