/**
 * Resolves a packaged CloudFormation template's intrinsic functions to the concrete values a deployed stack would
 * have, so IAM policies can be evaluated against real ARNs. The account, Region and physical names are samples; names
 * CloudFormation generates (a table without TableName) get a stack-prefixed sample name, as CloudFormation does.
 *
 * Supported: Ref (resources, parameters with defaults, AWS::Partition/Region/AccountId/StackName/URLSuffix/NoValue),
 * Fn::GetAtt (Arn, Name, QueueName, RootResourceId), Fn::Sub (both forms), Fn::Join, Fn::Select, Fn::Split, Fn::If
 * with Fn::Equals/Not/And/Or conditions. Anything else throws, so an unresolvable policy is never evaluated as "*".
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface CfnResource {
  Type: string;
  Properties?: Record<string, Json>;
  Condition?: string;
  DependsOn?: string | string[];
}
export interface CfnTemplate {
  Parameters?: Record<string, { Default?: Json }>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, Json>;
}

export interface StackSample {
  partition: string;
  region: string;
  accountId: string;
  stackName: string;
  /** Values for template parameters (defaults are used for the rest). */
  parameters?: Record<string, string>;
}

export const SAMPLE_STACK: StackSample = {
  partition: 'aws',
  region: 'us-east-1',
  accountId: '123456789012',
  stackName: 'ad-cert-orchestrator-test',
};

const NO_VALUE = Symbol('AWS::NoValue');

/** The logical id of a `{Ref: id}`. */
const refTarget = (v: Json | undefined): string => {
  const id = v !== null && typeof v === 'object' && !Array.isArray(v) ? v['Ref'] : undefined;
  if (typeof id !== 'string') throw new Error(`expected a Ref, got ${JSON.stringify(v)}`);
  return id;
};

/** Physical name and attributes of one resource, as CloudFormation would report them. */
interface Physical {
  ref: string;
  attrs: Record<string, string>;
}

export class TemplateResolver {
  readonly #template: CfnTemplate;
  readonly #stack: StackSample;
  readonly #physical = new Map<string, Physical>();

  constructor(template: CfnTemplate, stack: StackSample = SAMPLE_STACK) {
    this.#template = template;
    this.#stack = stack;
  }

  get stack(): StackSample {
    return this.#stack;
  }

  /** `arn:<partition>:<service>:<region>:<account>:<rest>` for this stack's account and Region (API Gateway's have no account). */
  arn(service: string, rest: string, opts: { global?: boolean; noAccount?: boolean } = {}): string {
    const { partition, region, accountId } = this.#stack;
    return `arn:${partition}:${service}:${opts.global ? '' : region}:${opts.noAccount ? '' : accountId}:${rest}`;
  }

  resource(id: string): CfnResource {
    const r = this.#template.Resources[id];
    if (!r) throw new Error(`template has no resource ${id}`);
    return r;
  }

  /** The value `{ Ref: id }` resolves to. */
  ref(id: string): string {
    return this.#physicalOf(id).ref;
  }

  /** The value `{ Fn::GetAtt: [id, attr] }` resolves to. */
  getAtt(id: string, attr: string): string {
    const value = this.#physicalOf(id).attrs[attr];
    if (value === undefined) throw new Error(`Fn::GetAtt ${id}.${attr} is not supported for ${this.resource(id).Type}`);
    return value;
  }

  /** Resolves every intrinsic in `value`; `Ref: AWS::NoValue` members are dropped. */
  resolve(value: Json): Json {
    const out = this.#resolve(value);
    if (out === NO_VALUE) throw new Error('the value itself is AWS::NoValue');
    return out;
  }

  condition(name: string): boolean {
    const c = this.#template.Conditions?.[name];
    if (c === undefined) throw new Error(`template has no condition ${name}`);
    return this.#evalCondition(c);
  }

  #parameter(name: string): string {
    const given = this.#stack.parameters?.[name];
    if (given !== undefined) return given;
    const def = this.#template.Parameters?.[name]?.Default;
    if (def === undefined || def === null) throw new Error(`parameter ${name} has no default and no sample value`);
    return String(def);
  }

  #pseudo(name: string): string | typeof NO_VALUE | undefined {
    const { partition, region, accountId, stackName } = this.#stack;
    switch (name) {
      case 'AWS::Partition': return partition;
      case 'AWS::Region': return region;
      case 'AWS::AccountId': return accountId;
      case 'AWS::StackName': return stackName;
      case 'AWS::StackId': return this.arn('cloudformation', `stack/${stackName}/00000000-0000-4000-8000-000000000000`);
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::NoValue': return NO_VALUE;
      default: return undefined;
    }
  }

  #refValue(name: string): string | typeof NO_VALUE {
    const pseudo = this.#pseudo(name);
    if (pseudo !== undefined) return pseudo;
    if (this.#template.Parameters?.[name] !== undefined) return this.#parameter(name);
    return this.ref(name);
  }

  #resolve(value: Json): Json | typeof NO_VALUE {
    if (Array.isArray(value)) {
      return value.map((v) => this.#resolve(v)).filter((v): v is Json => v !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const arg = value[key] as Json;
      switch (key) {
        case 'Ref': return this.#refValue(String(arg));
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
          return this.getAtt(id ?? '', attr ?? '');
        }
        case 'Fn::Sub': return this.#sub(arg);
        case 'Fn::Join': {
          const [sep, items] = arg as [string, Json];
          const list = this.#resolve(items);
          if (!Array.isArray(list)) throw new Error('Fn::Join needs a list');
          return list.map(String).join(sep);
        }
        case 'Fn::Select': {
          const [index, items] = arg as [Json, Json];
          const list = this.#resolve(items);
          if (!Array.isArray(list)) throw new Error('Fn::Select needs a list');
          return list[Number(this.#resolve(index))] ?? null;
        }
        case 'Fn::Split': {
          const [sep, text] = arg as [string, Json];
          return String(this.#resolve(text)).split(sep);
        }
        case 'Fn::If': {
          const [cond, whenTrue, whenFalse] = arg as [string, Json, Json];
          return this.#resolve(this.condition(cond) ? whenTrue : whenFalse);
        }
        default:
          if (key.startsWith('Fn::')) throw new Error(`unsupported intrinsic ${key}`);
      }
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.#resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  #sub(arg: Json): string {
    const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, Json>]) : [String(arg), {}];
    return text.replace(/\$\{(!?)([^}]+)\}/g, (whole, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (vars[name] !== undefined) return String(this.resolve(vars[name]));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return this.getAtt(name.slice(0, dot), name.slice(dot + 1));
      const v = this.#refValue(name);
      if (v === NO_VALUE) throw new Error(`${whole}: AWS::NoValue in Fn::Sub`);
      return v;
    });
  }

  #evalCondition(c: Json): boolean {
    if (typeof c === 'boolean') return c;
    if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new Error(`bad condition ${JSON.stringify(c)}`);
    const [key, arg] = Object.entries(c)[0] ?? [];
    const args = (arg ?? []) as Json[];
    switch (key) {
      case 'Fn::Equals': return JSON.stringify(this.resolve(args[0] ?? null)) === JSON.stringify(this.resolve(args[1] ?? null));
      case 'Fn::Not': return !this.#evalCondition(args[0] ?? null);
      case 'Fn::And': return args.every((a) => this.#evalCondition(a));
      case 'Fn::Or': return args.some((a) => this.#evalCondition(a));
      case 'Condition': return this.condition(String(arg));
      default: throw new Error(`unsupported condition ${String(key)}`);
    }
  }

  /** A name CloudFormation would generate: `<stack>-<logical id>-<suffix>`. */
  #generatedName(id: string): string {
    return `${this.#stack.stackName}-${id}-SAMPLE0123AB`;
  }

  #propName(id: string, prop: string): string {
    const v = this.resource(id).Properties?.[prop];
    return v === undefined ? this.#generatedName(id) : String(this.resolve(v));
  }

  #physicalOf(id: string): Physical {
    const cached = this.#physical.get(id);
    if (cached) return cached;
    const r = this.resource(id);
    const { region, accountId } = this.#stack;
    let p: Physical;
    switch (r.Type) {
      case 'AWS::Lambda::Function': {
        const name = this.#propName(id, 'FunctionName');
        p = { ref: name, attrs: { Arn: this.arn('lambda', `function:${name}`) } };
        break;
      }
      case 'AWS::Lambda::Version': {
        // Ref is the version's ARN: the function's, qualified by the version number.
        const arn = `${this.getAtt(refTarget(r.Properties?.['FunctionName']), 'Arn')}:1`;
        p = { ref: arn, attrs: { Version: '1' } };
        break;
      }
      case 'AWS::Logs::LogGroup': {
        const name = this.#propName(id, 'LogGroupName');
        p = { ref: name, attrs: { Arn: this.arn('logs', `log-group:${name}:*`) } };
        break;
      }
      case 'AWS::DynamoDB::Table': {
        const name = this.#propName(id, 'TableName');
        p = { ref: name, attrs: { Arn: this.arn('dynamodb', `table/${name}`) } };
        break;
      }
      case 'AWS::Events::EventBus': {
        const name = this.#propName(id, 'Name');
        p = { ref: name, attrs: { Arn: this.arn('events', `event-bus/${name}`), Name: name } };
        break;
      }
      case 'AWS::SQS::Queue': {
        const name = this.#propName(id, 'QueueName');
        p = {
          ref: `https://sqs.${region}.amazonaws.com/${accountId}/${name}`,
          attrs: { Arn: this.arn('sqs', name), QueueName: name, QueueUrl: `https://sqs.${region}.amazonaws.com/${accountId}/${name}` },
        };
        break;
      }
      case 'AWS::SNS::Topic': {
        const name = this.#propName(id, 'TopicName');
        const arn = this.arn('sns', name);
        p = { ref: arn, attrs: { TopicArn: arn, TopicName: name } };
        break;
      }
      case 'AWS::StepFunctions::StateMachine': {
        const name = this.#propName(id, 'StateMachineName');
        const arn = this.arn('states', `stateMachine:${name}`);
        p = { ref: arn, attrs: { Arn: arn, Name: name } };
        break;
      }
      case 'AWS::IAM::Role': {
        const name = this.#propName(id, 'RoleName');
        p = { ref: name, attrs: { Arn: this.arn('iam', `role/${name}`, { global: true }), RoleId: 'AROASAMPLE' } };
        break;
      }
      case 'AWS::ApiGateway::RestApi':
        p = { ref: 'a1b2c3d4e5', attrs: { RootResourceId: 'r00t1d' } };
        break;
      default:
        p = { ref: `${id}-physical-id`, attrs: {} };
    }
    this.#physical.set(id, p);
    return p;
  }
}
