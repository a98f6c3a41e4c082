/**
 * After a run: the DynamoDB calls each function made (recorded by the service) against the IAM
 * policies of the template `cdk synth` makes (synthesized here in-process, bundling skipped, with
 * the notifier). A call no policy allows fails the run, naming the function and the action; grants
 * never used are reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { RecordedAwsCall } from '../../local/grants/call-recorder';
import { checkGrants, describeReport, type GrantReport } from '../../local/grants/check-grants';
import { synthesizeStage } from './flat-template';

/** The template as `cdk synth -c senderEmail=…` makes it, route groups merged in (cdk.json's flags; bundling skipped: IAM does not depend on it). */
export function synthesizedResources() {
  return synthesizeStage('GrantsCheck', { stage: 'test', senderEmail: 'invites@example.com' }).resources;
}

export function readRecordedCalls(file: string): RecordedAwsCall[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedAwsCall);
}

export class GrantsDenied extends Error {}

/** Checks the recorded calls; prints the report; throws when any call was denied. */
export function checkRecordedGrants(file: string, localTableName: string): GrantReport {
  const report = checkGrants(synthesizedResources(), readRecordedCalls(file), localTableName);
  const text = describeReport(report);
  if (text) console.log(`\nGrants against the recorded DynamoDB calls:\n${text}\n`);
  if (report.denied.length)
    throw new GrantsDenied(
      `${report.denied.length} call(s) the deployed functions would be denied:\n${describeReport({ ...report, unused: [], notExercised: [] })}`,
    );
  return report;
}
