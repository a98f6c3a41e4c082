/**
 * Child process of ed25519-groups.stress.test.ts: creates `count` Berty groups' secrets through the
 * production function and checks each as a joiner would, printing `progress <n>` every `every`
 * groups and `done <n>` at the end. An invalid group exits 1 with `invalid <n> <reason>`.
 * STALL_AFTER=<n> blocks the main thread for good after n groups (the watchdog's own test).
 */
import { checkGroup, newMultiMemberGroup } from '../../../functions/lib/ed25519-group';

const count = Number(process.argv[2]);
const every = Number(process.argv[3] ?? 1000);
const stallAfter = process.env.STALL_AFTER === undefined ? Infinity : Number(process.env.STALL_AFTER);
const out = (line: string) => process.stdout.write(`${line}\n`);

for (let n = 1; n <= count; n++) {
  const group = newMultiMemberGroup();
  const check = checkGroup(group);
  if (check !== 'valid' || group.publicKey.length !== 32 || group.secret.length !== 32 || group.secretSig.length !== 64) {
    out(`invalid ${n} ${check}`);
    process.exit(1);
  }
  if (n % every === 0) out(`progress ${n}`);
  // A thread that waits on itself, as the JWK export did: nothing runs on the main thread any more.
  if (n === stallAfter) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
out(`done ${count}`);
