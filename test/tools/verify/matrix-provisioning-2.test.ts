/**
 * Fault × rerun matrix over the local world, the provisioning rows' cells: shard 2 of 2, the second half of the rows
 * (the other is matrix-provisioning-1.test.ts). Each execution must end SUCCEEDED or in the catalog's documented
 * failure, and every cell must leave at most one directory and one connector and lose no record. What the matrix is:
 * tools/verify/matrix/; the test: test/support/matrix.ts.
 */
import { PROVISIONING_SHARDS, provisioningMatrixShard } from '../../support/matrix.ts';

provisioningMatrixShard({ index: 1, count: PROVISIONING_SHARDS });
