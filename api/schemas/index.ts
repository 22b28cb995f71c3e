/** The API's schemas: the shared ones are registered once by `$id` and referenced as `{ $ref: 'Name#' }`. */
import { errorSchema } from './common.ts';
import { deviceViewSchema, liveViewSchema } from './device.ts';
import { eventSchema } from './event.ts';
import { healthSchema } from './health.ts';
import { nightSummarySchema, timelineBucketSchema } from './night.ts';

export {
  BEARER,
  deviceIdSchema,
  deviceParamsSchema,
  epochMsSchema,
  errorResponses,
  nightDateSchema,
} from './common.ts';

/** Every schema with an `$id`, in an order where each comes after those it references. */
export const SHARED_SCHEMAS = [
  errorSchema,
  eventSchema,
  liveViewSchema,
  deviceViewSchema,
  nightSummarySchema,
  timelineBucketSchema,
  healthSchema,
] as const;
