/** The figures `npm run verify:reliability -- --json` prints and when they fall short. */

export interface ReliabilityFigures {
  matrix: { cells: number; passed: number; duplicates: number; lostRecords: number };
  corpus: { cases: number; rejected: number; accepted: number };
  leaks: number;
  load: { executions: number; succeeded: number; duplicates: number; wallMs: number; apiCallsPerExecution: number; retries: number };
  /** `serverless invoke local` of every function (absent when that part did not run). */
  invokeLocal?: { functions: number; passed: boolean };
}

/** Why the figures fall short (empty: all good). `expected` are the counts a full pass must reach. */
export const shortfalls = (
  f: ReliabilityFigures,
  expected: { corpusInvalid: number; corpusValid: number; loadExecutions: number; secretUsed: boolean },
): string[] => {
  const out: string[] = [];
  if (f.matrix.cells === 0) out.push('matrix: no cells ran');
  if (f.matrix.passed < f.matrix.cells) out.push(`matrix: ${f.matrix.cells - f.matrix.passed} of ${f.matrix.cells} cells failed`);
  if (f.matrix.duplicates > 0) out.push(`matrix: ${f.matrix.duplicates} cells left duplicates`);
  if (f.matrix.lostRecords > 0) out.push(`matrix: ${f.matrix.lostRecords} cells lost an execution from its provisioning record`);
  if (f.corpus.cases === 0) out.push('corpus: no cases ran');
  if (f.corpus.rejected < expected.corpusInvalid) out.push(`corpus: ${expected.corpusInvalid - f.corpus.rejected} invalid requests not rejected with the field named`);
  if (f.corpus.accepted < expected.corpusValid) out.push(`corpus: ${expected.corpusValid - f.corpus.accepted} valid requests not accepted`);
  if (f.corpus.rejected + f.corpus.accepted !== f.corpus.cases) out.push('corpus: rejected + accepted != cases');
  if (f.leaks !== 0) out.push(`secret scan: ${f.leaks} occurrences of the password`);
  if (!expected.secretUsed) out.push('secret scan: the password was never used (the scan would prove nothing)');
  if (f.load.executions !== expected.loadExecutions) out.push(`load: ${f.load.executions} executions instead of ${expected.loadExecutions}`);
  if (f.load.succeeded < f.load.executions) out.push(`load: ${f.load.executions - f.load.succeeded} executions did not succeed`);
  if (f.load.duplicates > 0) out.push(`load: ${f.load.duplicates} duplicates`);
  if (f.invokeLocal && !f.invokeLocal.passed) out.push('invoke local: a serverless invoke local command failed');
  return out;
};
