/**
 * The one switch for the full, slow checks: `FULL_CHECKS=1`. Without it `npm test` runs their fast share: the fault
 * matrix's covering subset, three representative `serverless invoke local` commands and a 25-execution load. With
 * it the same test files run all of it: every cell of the matrix, every function through `serverless invoke local`
 * and the 200-execution load. `npm run verify:reliability` runs all of it too (docs/reliability.md).
 */
export const FULL_CHECKS_VARIABLE = 'FULL_CHECKS';

/** Whether the full, slow checks run (`FULL_CHECKS=1`). */
export const fullChecks = (env: NodeJS.ProcessEnv = process.env): boolean => env[FULL_CHECKS_VARIABLE] === '1';
