/** Directory.Type ADConnector: the request's rules from the Directory Service model (ConnectDirectory), pure. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servicePasswordProblem } from '../../src/domain/preflight.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { readEvent } from '../fixtures.ts';

type Input = { Directory: Record<string, unknown>; Connector: { Templates: { AccessControlEntries: Record<string, unknown>[] }[] } };
const sample = (): Input => readEvent('execution-input-ad-connector.json');
const messages = (input: unknown): string[] => validateRequest(input).violations.map((v) => `${v.path}: ${v.message}`);

describe('Directory.Type ADConnector: the request', () => {
  it('the sample is valid and keeps ConnectSettings', () => {
    const out = validateRequest(sample());
    assert.deepEqual(out.violations, []);
    assert.deepEqual(out.request && 'ConnectSettings' in out.request.Directory ? out.request.Directory.ConnectSettings : undefined, {
      CustomerDnsIps: ['192.0.2.10', '192.0.2.11'],
      CustomerUserName: 'svc-adconnector',
    });
  });

  it('needs Size and ConnectSettings with CustomerDnsIps and CustomerUserName; refuses Edition; lists every violation', () => {
    const input = sample();
    delete input.Directory['Size'];
    input.Directory['Edition'] = 'Standard';
    input.Directory['ConnectSettings'] = { CustomerUserName: 'DOMAIN\\svc' };
    assert.deepEqual(messages(input), [
      'Directory.ConnectSettings.CustomerDnsIps: is required',
      'Directory.ConnectSettings.CustomerUserName: must match the on-premises service account name: letters, digits and ._- (no domain prefix) (got "DOMAIN\\\\svc")',
      'Directory.Size: is required for Directory.Type ADConnector (Small | Large)',
      'Directory.Edition: applies to Directory.Type MicrosoftAD only (ADConnector uses Size)',
    ]);
    delete input.Directory['ConnectSettings'];
    assert.ok(messages(input).includes('Directory.ConnectSettings: is required for Directory.Type ADConnector (CustomerDnsIps, CustomerUserName: the on-premises domain)'));
  });

  it('CustomerDnsIps: dotted IPv4 addresses, at least one, no repeats', () => {
    const input = sample();
    input.Directory['ConnectSettings'] = { CustomerDnsIps: ['192.0.2.300', '192.0.2.10', '192.0.2.10'], CustomerUserName: 'svc' };
    assert.deepEqual(messages(input).map((m) => m.split(':')[0]), ['Directory.ConnectSettings.CustomerDnsIps[0]', 'Directory.ConnectSettings.CustomerDnsIps[2]']);
    input.Directory['ConnectSettings'] = { CustomerDnsIps: [], CustomerUserName: 'svc' };
    assert.match(messages(input)[0] ?? '', /^Directory\.ConnectSettings\.CustomerDnsIps: must contain 1-10 /);
  });

  it('ConnectSettings applies to ADConnector only', () => {
    const input = readEvent<Input>('execution-input.json');
    input.Directory['ConnectSettings'] = { CustomerDnsIps: ['192.0.2.10'], CustomerUserName: 'svc' };
    assert.deepEqual(messages(input), ['Directory.ConnectSettings: applies to Directory.Type ADConnector only']);
  });

  it('a group by name is refused: Directory Service Data serves Managed AD only', () => {
    const input = sample();
    input.Connector.Templates[0]?.AccessControlEntries.push({ GroupName: 'Domain Computers', AccessRights: { Enroll: 'ALLOW' } });
    assert.deepEqual(messages(input), [
      'Connector.Templates[0].AccessControlEntries[1].GroupName: needs Directory Service Data, which serves AWS Managed Microsoft AD only (Directory.Type ADConnector): name the group by GroupSecurityIdentifier instead',
    ]);
  });

  it('the service account password is the on-premises domain\'s: only its length (1-128) is checked', () => {
    assert.equal(servicePasswordProblem('ADConnector', 'simple'), undefined);
    assert.match(servicePasswordProblem('ADConnector', 'x'.repeat(129)) ?? '', /at most 128/);
    assert.match(servicePasswordProblem('MicrosoftAD', 'simple') ?? '', /rule/);
  });
});
