/** Background jobs: a PostgreSQL-table queue shared by every app process, with progress and crash recovery. */
export {
  claimJob,
  completeJob,
  enqueueJob,
  failExhaustedJobs,
  failJob,
  getJob,
  jobEvents,
  renewLease,
  saveProgress,
  toView,
  type EnqueueOptions,
  type JobRow,
  type JobStatus,
  type JobView,
} from './queue.js';
export { JobWorker, type ClaimedJob, type JobContext, type JobHandler, type JobHandlers, type JobWorkerOptions, type RunningJob } from './worker.js';
