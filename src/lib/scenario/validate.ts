import { migrate } from "./migrate";
import { validateV1, type ValidationResult } from "./schema";

/**
 * Migrate (older versions) and validate any JSON value as a scenario. Unknown fields,
 * non-finite or out-of-range numbers, over-long strings and formulas are rejected with the
 * first offending path. Formulas are checked for length and characters only; their syntax
 * and values are checked by compileFormulas (src/lib/formula), which needs mathjs.
 * Never throws.
 */
export function validateScenario(input: unknown): ValidationResult {
  const migrated = migrate(input);
  if (!migrated.ok) return migrated;
  return validateV1(migrated.value);
}
