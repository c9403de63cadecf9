/**
 * The worlds the matrix's cells start from, each provisioned once and kept as an emulator snapshot (resources, tags,
 * tokens, the coordination table, secrets' metadata, the simulated clock and the id generator), from which each cell
 * starts a fresh emulator: the same world a provisioning leaves, without provisioning again. The teardown's: a clean
 * provisioning through POST /provisionings with the admin password in the body (so the API stores it in a secret of
 * the tool's, which the teardown deletes), then another team's directory in the same VPC. The day-two change's:
 * DAY_ONE provisioned.
 */
import '../env.ts';
import { CreateMicrosoftADCommand } from '@aws-sdk/client-directory-service';
import { randomUUID } from 'node:crypto';
import { directoryServiceCreate } from '../../../src/aws/clients.ts';
import type { EmulatorSnapshot } from '../../local/emulator/index.ts';
import { DAY_ONE } from '../day-two.ts';
import { Harness, defaultInput } from '../harness.ts';
import { postProvisioning } from '../triggers.ts';

/**
 * The resource the teardown must leave alone: another team's directory in the same VPC, created after the
 * provisioning, with another Name and no ownership tag. Every DescribeDirectories of the teardown lists it next to
 * the tool's. (One with the request's own Name would be kept too, but it would also keep the password secret, which
 * the plan keeps while a directory it may protect stays: the secret's delete would then never be exercised.)
 */
export const FOREIGN_DIRECTORY_NAME = 'other-team.example.com';
export const createForeignDirectory = async (input: Record<string, unknown>): Promise<string> => {
  const dir = input['Directory'] as { VpcSettings: { VpcId: string; SubnetIds: string[] } };
  const out = await directoryServiceCreate().send(new CreateMicrosoftADCommand({
    Name: FOREIGN_DIRECTORY_NAME,
    ShortName: 'OTHER',
    Password: 'Foreign-Passw0rd!',
    Edition: 'Standard',
    VpcSettings: dir.VpcSettings,
    Tags: [{ Key: 'owner', Value: 'another-team' }],
  }));
  if (!out.DirectoryId) throw new Error('the foreign directory got no id');
  return out.DirectoryId;
};

/** The admin password of the provisionings the teardown cells start through the API. */
const API_PASSWORD = 'Matrix-Teardown-Passw0rd!';

/**
 * A clean provisioning through POST /provisionings, then the foreign directory. Returns the execution's input (the
 * stored secret's name as PasswordSecretId): the teardown's input, as the runbook gives it.
 */
export const provisionForTeardown = async (harness: Harness): Promise<{ input: Record<string, unknown>; foreignId: string }> => {
  const { Directory, ...rest } = defaultInput() as { Directory: Record<string, unknown> };
  const { PasswordSecretId: _mine, ...directory } = Directory;
  const body = { ...rest, Directory: { ...directory, Password: API_PASSWORD } };
  const run = await harness.track(async () => {
    const response = await postProvisioning(body, `teardown-matrix-${randomUUID()}`);
    const arn = (JSON.parse(response.body) as { executionArn?: string }).executionArn;
    if (response.statusCode !== 202 || !arn) throw new Error(`POST /provisionings answered ${response.statusCode}: ${response.body}`);
    return arn;
  });
  if (run.status !== 'SUCCEEDED') throw new Error(`clean provisioning failed: ${run.error}: ${run.cause}`);
  const input = JSON.parse(String(harness.stepFunctions.DescribeExecution({ executionArn: run.executionArn })['input'])) as Record<string, unknown>;
  return { input, foreignId: await createForeignDirectory(input) };
};

/** A provisioned world, as a snapshot, with the teardown's input and the foreign directory's id. */
export interface ProvisionedWorld {
  snapshot: EmulatorSnapshot;
  input: Record<string, unknown>;
  foreignId: string;
}

/** Provisions once (provisionForTeardown in a fresh world) and snapshots the emulator. */
export const provisionedWorld = async (): Promise<ProvisionedWorld> => {
  const harness = await Harness.start();
  try {
    const { input, foreignId } = await provisionForTeardown(harness);
    return { snapshot: harness.emulator.snapshot(), input, foreignId };
  } finally {
    await harness.stop();
  }
};

/** A fresh world (emulator and Step Functions service) resumed from the provisioned snapshot. */
export const startFromProvisioned = (world: ProvisionedWorld): Promise<Harness> => Harness.start({ emulator: { snapshot: world.snapshot } });

/**
 * The world every day-two cell starts from: DAY_ONE provisioned once, as an emulator snapshot (its record and its
 * released change lease included; its execution stays behind in the world that ran it).
 */
export const dayOneWorld = async (): Promise<EmulatorSnapshot> => {
  const harness = await Harness.start();
  try {
    const first = await harness.execute(DAY_ONE());
    if (first.status !== 'SUCCEEDED') throw new Error(`day-one provisioning failed: ${first.error}: ${first.cause}`);
    return harness.emulator.snapshot();
  } finally {
    await harness.stop();
  }
};
