import type { z } from 'zod'

/** A form rule from a contract schema: the core will run the same schema on the same value. */
export function unless(schema: z.ZodType, value: unknown, message: string): string | null {
  return schema.safeParse(value).success ? null : message
}
