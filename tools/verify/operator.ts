/**
 * What the principal operating a deployed stack must be allowed (README "Deploy to AWS", steps 3-6), derived from the
 * packaged template, and the check of deploy/operator-policy.json against it with the deployer policy's evaluator:
 * the outputs (`serverless info`), a request by event (PutEvents on the project bus) or by the signed API (every
 * method of the REST API), watching and rerunning executions (`npm run executions`: list, show, redrive) and the
 * functions' logs (`serverless logs`).
 */
import { TemplateResolver } from './cfn.ts';
import type { CfnTemplate, Json } from './cfn.ts';
import { checkPolicy, readPolicy } from './deployer.ts';
import type { DeployerReport, DeployRequest } from './deployer.ts';

export const OPERATOR_POLICY = 'deploy/operator-policy.json';

const refOf = (value: Json | undefined): string | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value['Ref'] === 'string' ? value['Ref'] : undefined;

/** `/provisionings/{id}` of an AWS::ApiGateway::Resource, from its PathPart up through its ParentId chain. */
const resourcePath = (template: CfnTemplate, id: string | undefined): string => {
  if (id === undefined) return '';
  const r = template.Resources[id];
  if (!r || r.Type !== 'AWS::ApiGateway::Resource') return '';
  return `${resourcePath(template, refOf(r.Properties?.['ParentId']))}/${String(r.Properties?.['PathPart'])}`;
};

export const operatorRequests = (template: CfnTemplate): DeployRequest[] => {
  const res = new TemplateResolver(template);
  const out: DeployRequest[] = [];
  const push = (actions: string[], resource: string, why: string): void => {
    for (const action of actions) out.push({ action, resource, why, context: {} });
  };
  push(['cloudformation:DescribeStacks', 'cloudformation:ListStackResources'], res.arn('cloudformation', `stack/${res.stack.stackName}/00000000-0000-4000-8000-000000000000`), 'serverless info: the outputs');
  const stage = String(res.resolve(template.Resources['ApiGatewayStage']?.Properties?.['StageName'] ?? null));
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::Events::EventBus') push(['events:PutEvents'], res.getAtt(id, 'Arn'), 'a request by event');
    if (r.Type === 'AWS::ApiGateway::Method' && r.Properties?.['HttpMethod'] !== 'OPTIONS') {
      const path = resourcePath(template, refOf(r.Properties?.['ResourceId'])).replace(/\{[^}]+\}/g, 'api-key-corp-1');
      push(['execute-api:Invoke'], res.arn('execute-api', `${res.ref('ApiGatewayRestApi')}/${stage}/${String(r.Properties?.['HttpMethod'])}${path}`), 'the signed API');
    }
    if (r.Type === 'AWS::StepFunctions::StateMachine') {
      const machine = res.ref(id);
      push(['states:ListExecutions'], machine, 'npm run executions -- list');
      push(['states:DescribeExecution', 'states:GetExecutionHistory', 'states:RedriveExecution'], `${machine.replace(':stateMachine:', ':execution:')}:api-key-corp-1`, 'npm run executions -- show / redrive');
    }
    const logGroup = r.Type === 'AWS::Logs::LogGroup' ? String(res.resolve(r.Properties?.['LogGroupName'] ?? null)) : '';
    if (logGroup.startsWith('/aws/lambda/')) push(['logs:DescribeLogStreams', 'logs:FilterLogEvents'], res.arn('logs', `log-group:${logGroup}`), 'serverless logs');
  }
  return out;
};

export const readOperatorPolicy = (root: string): ReturnType<typeof readPolicy> => readPolicy(root, OPERATOR_POLICY);

export const checkOperatorPolicy = async (template: CfnTemplate, policy: ReturnType<typeof readPolicy>): Promise<DeployerReport> =>
  checkPolicy(template, policy, operatorRequests(template));
