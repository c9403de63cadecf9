/**
 * The emulated services: one folder each, one line here. The core (./core/) routes requests, counts calls, injects
 * faults and saves state for every service listed, and `emulator.env()` points the SDK at each one's endpoint.
 */
import type { ServiceDef } from './core/service.ts';
import { acmPca } from './acm-pca/index.ts';
import { directoryService } from './directory-service/index.ts';
import { directoryServiceData } from './directory-service-data/index.ts';
import { dynamoDb } from './dynamodb/index.ts';
import { ec2 } from './ec2/index.ts';
import { lambda } from './lambda/index.ts';
import { eventBridge } from './eventbridge/index.ts';
import { pcaConnectorAd } from './pca-connector-ad/index.ts';
import { ram } from './ram/index.ts';
import { secretsManager } from './secrets-manager/index.ts';
import { sqs } from './sqs/index.ts';

export const SERVICES: readonly ServiceDef[] = [
  directoryService,
  directoryServiceData,
  secretsManager,
  acmPca,
  eventBridge,
  ec2,
  pcaConnectorAd,
  ram,
  dynamoDb,
  sqs,
  lambda,
];
