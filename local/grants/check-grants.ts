/**
 * Grants against what the code did: every recorded IAM check of a function must be allowed by an
 * Allow statement of its role's policies in the synthesized template, on that table (or index);
 * and every table action a function is granted but never used is reported. The grants stay in
 * the route table (and infra/ for the stream consumer and notifier); this check guards them.
 */
import { constructPathOf, refOf, type TemplateResources } from '../synthesized/template';
import type { RecordedAwsCall } from './call-recorder';

export interface Denied {
  function: string;
  action: string;
  resource: string;
}

export interface GrantReport {
  denied: Denied[];
  /** Per function that was exercised: table actions granted and never used. */
  unused: { function: string; actions: string[] }[];
  /** Functions of the template that made no recorded call. */
  notExercised: string[];
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** A resource as a comparable string: `arn:<logical id>` for a resource's ARN, joins concatenated. */
function resourceText(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = (value ?? {}) as Record<string, any>;
  if (object['Fn::GetAtt']) {
    const [id, attribute] = object['Fn::GetAtt'] as [string, string];
    return attribute === 'Arn' ? `arn:${id}` : `arn:${id}/${attribute}`;
  }
  if (object['Fn::Join']) return (object['Fn::Join'][1] as unknown[]).map(resourceText).join(object['Fn::Join'][0] as string);
  if (object.Ref === 'AWS::NoValue') return '';
  if (object.Ref) return `ref:${object.Ref}`;
  return JSON.stringify(value);
}

const globMatches = (pattern: string, text: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(text);

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

export function checkGrants(resources: TemplateResources, calls: readonly RecordedAwsCall[], localTableName: string): GrantReport {
  const tableId = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::DynamoDB::Table')?.[0];
  const statementsOf = new Map<string, Statement[]>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const roleId = refOf(resource.Properties?.Role);
    const statements = Object.values(resources)
      .filter(
        (policy) =>
          roleId !== undefined &&
          policy.Type === 'AWS::IAM::Policy' &&
          list(policy.Properties?.Roles ?? []).some((role: any) => role?.Ref === roleId),
      )
      .flatMap((policy) => list(policy.Properties?.PolicyDocument?.Statement ?? []) as Statement[]);
    statementsOf.set(constructPathOf(resource, logicalId), statements);
  }
  const resourceOf = (call: RecordedAwsCall) =>
    call.table === localTableName && tableId
      ? `arn:${tableId}${call.index ? `/index/${call.index}` : ''}`
      : `arn:unknown-table:${call.table}`;
  const allows = (statement: Statement, action: string, resource: string) =>
    statement.Effect === 'Allow' &&
    list(statement.Action).some((pattern) => globMatches(pattern, action)) &&
    list(statement.Resource).some((pattern) => globMatches(resourceText(pattern), resource));

  const denied: Denied[] = [];
  const used = new Map<string, Set<string>>();
  for (const call of calls) {
    const statements = statementsOf.get(call.function);
    const resource = resourceOf(call);
    if (!statements?.some((statement) => allows(statement, call.action, resource))) {
      denied.push({
        function: call.function,
        action: call.action,
        resource: call.index ? `${call.table}/index/${call.index}` : call.table,
      });
    }
    (used.get(call.function) ?? used.set(call.function, new Set()).get(call.function)!).add(call.action);
  }
  const unused = [...used.keys()].sort().flatMap((fn) => {
    const granted = (statementsOf.get(fn) ?? [])
      .filter(
        (statement) =>
          statement.Effect === 'Allow' && list(statement.Resource).some((pattern) => resourceText(pattern) === `arn:${tableId}`),
      )
      .flatMap((statement) => list(statement.Action))
      .filter((action) => action.startsWith('dynamodb:') && !used.get(fn)!.has(action));
    return granted.length ? [{ function: fn, actions: [...new Set(granted)].sort() }] : [];
  });
  const notExercised = [...statementsOf.keys()].filter((fn) => !used.has(fn)).sort();
  return { denied, unused, notExercised };
}

export function describeReport(report: GrantReport): string {
  const lines: string[] = [];
  for (const d of report.denied)
    lines.push(`DENIED: ${d.function} performed ${d.action} on ${d.resource}, which its IAM policy in the template does not allow`);
  for (const u of report.unused)
    lines.push(`unused grant: ${u.function} is granted ${u.actions.join(', ')} on the table and never used it`);
  if (report.notExercised.length) lines.push(`not exercised (no DynamoDB call recorded): ${report.notExercised.join(', ')}`);
  return lines.join('\n');
}
