/** A worker thread of the audit (audit.ts): audits batches of demands and sends back their problems and facts. */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../content/workers.ts';
import { auditBatch, type AuditContext, type BatchTask } from './audit.ts';

const ctx = workerData as AuditContext;

serveTasks((task: BatchTask) => auditBatch(task, ctx));
